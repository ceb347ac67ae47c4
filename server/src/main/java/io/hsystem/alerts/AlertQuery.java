package io.hsystem.alerts;

import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.Set;

/**
 * Filters of the alert list; null or empty means "any".
 *
 * @param text words looked for in the title, rule name, host name and addresses
 * @param from create time, inclusive
 * @param to create time, exclusive
 */
public record AlertQuery(
    Set<Severity> severities,
    Set<AlertStatus> statuses,
    Long assetId,
    String alertType,
    String ruleId,
    String srcIp,
    String assignee,
    String text,
    Instant from,
    Instant to,
    Sort sort,
    boolean ascending) {

  public static final AlertQuery ALL =
      new AlertQuery(
          Set.of(),
          Set.of(),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          Sort.CREATE_TIME,
          false);

  public AlertQuery {
    severities = severities == null ? Set.of() : Set.copyOf(severities);
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    sort = sort == null ? Sort.CREATE_TIME : sort;
  }

  /** Orders of the list; ties are broken by id. */
  public enum Sort {
    CREATE_TIME,
    LAST_SEEN,
    SEVERITY,
    COUNT
  }
}
