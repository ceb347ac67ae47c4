package io.hsystem.detection.sigma;

import io.hsystem.protocol.SourceType;
import java.util.Set;

/**
 * The canonical events a logsource stands for: events from one of {@code sources}, of one of {@code
 * eventTypes} (any type when null), for which {@code residual} holds (always when null).
 */
record LogsourceTarget(Set<SourceType> sources, Set<String> eventTypes, Expr residual) {

  LogsourceTarget {
    sources = Set.copyOf(sources);
    eventTypes = eventTypes == null ? null : Set.copyOf(eventTypes);
  }

  /** Whether events of this source and type can meet the rule. */
  boolean admits(SourceType source, String eventType) {
    return sources.contains(source) && (eventTypes == null || eventTypes.contains(eventType));
  }
}
