package io.hsystem.notifications;

import io.hsystem.alerts.Alert;
import io.hsystem.alerts.AlertChanged;
import io.hsystem.shared.Severity;
import java.util.List;
import java.util.Set;

/**
 * Which alert changes a channel forwards.
 *
 * @param minSeverity alerts below this severity are not sent
 * @param kinds the changes sent: new alerts, repeats, handling
 * @param ruleIds only alerts of these rules, or of any rule when empty
 * @param alertTypes only alerts of these types, or of any type when empty
 */
public record ChannelFilter(
    Severity minSeverity,
    Set<AlertChanged.Kind> kinds,
    List<String> ruleIds,
    List<String> alertTypes) {

  public ChannelFilter {
    kinds = Set.copyOf(kinds);
    ruleIds = List.copyOf(ruleIds);
    alertTypes = List.copyOf(alertTypes);
  }

  public boolean matches(AlertChanged.Kind kind, Alert alert) {
    return kinds.contains(kind)
        && alert.severity().compareTo(minSeverity) >= 0
        && (ruleIds.isEmpty() || ruleIds.contains(alert.ruleId()))
        && (alertTypes.isEmpty() || alertTypes.contains(alert.alertType()));
  }
}
