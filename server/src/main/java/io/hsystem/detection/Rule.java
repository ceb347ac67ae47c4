package io.hsystem.detection;

import io.hsystem.shared.Severity;
import java.time.Duration;
import java.util.List;

/**
 * A detection rule as the catalog knows it: a Sigma rule or a Sigma 2 correlation, where it came
 * from and whether it runs.
 *
 * @param id the Sigma id (stable; alerts name it)
 * @param name the Sigma 2 name other rules may refer to it by, or null
 * @param author credited wherever its alerts are shown (Detection Rule License 1.1)
 * @param logsource {@code product/category/service} as written, null for correlations
 * @param correlationType {@code event_count} … for correlations, else null
 * @param correlated the rules a correlation combines (ids or names), else empty
 * @param source the file it came from
 */
public record Rule(
    String id,
    String name,
    String title,
    Kind kind,
    Origin origin,
    boolean enabled,
    Severity level,
    String status,
    String author,
    String description,
    String logsource,
    List<String> tactics,
    List<String> techniques,
    List<String> references,
    List<String> falsePositives,
    String correlationType,
    List<String> correlated,
    List<String> groupBy,
    Duration timespan,
    String source,
    String yaml) {

  /** Single-event rule or correlation. */
  public enum Kind {
    RULE,
    CORRELATION
  }

  /** Where a rule came from. */
  public enum Origin {
    /** The pack H-System ships (may be disabled, not changed). */
    BUILTIN,
    /** Written or uploaded by a user. */
    CUSTOM,
    /** From an imported rule pack (e.g. SigmaHQ). */
    IMPORTED
  }
}
