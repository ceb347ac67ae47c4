package io.hsystem.eventstore;

import io.hsystem.protocol.Event;
import java.util.List;

/**
 * @param total exact number of matching events
 * @param events the requested page, sorted by event_time
 */
public record SearchResult(long total, List<Event> events) {}
