package io.hsystem.alerts;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One alert with its evidence (key fields of the matched events and the detection's context) and
 * every change of its handling.
 */
public record AlertDetail(Alert alert, JsonNode evidence, List<HistoryEntry> history) {

  /** One change: who moved the alert from which status to which, when, and why. */
  public record HistoryEntry(
      Instant at,
      String actor,
      AlertStatus fromStatus,
      AlertStatus toStatus,
      String assignee,
      String remark) {}
}
