package io.hsystem.detection.sigma;

import io.hsystem.shared.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Sigma 2 correlation rule: how matches of other rules (or correlations) combine within a time
 * window. The loader checks it and resolves its references; the windows themselves are kept by
 * whoever runs correlations.
 *
 * @param id the rule's id, or null
 * @param name the optional name other correlations may refer to it by, or null
 * @param title the title
 * @param description the description, or null
 * @param author who wrote it, or null (credit it where a match is shown, DRL 1.1)
 * @param level the severity a match is raised with; null when the correlation leaves it to the
 *     correlated rules
 * @param type what is counted
 * @param rules the correlated rules or correlations, by id or name, as written
 * @param groupBy the fields whose values must be equal across the correlated events (may be empty)
 * @param timespan the window
 * @param condition the bounds the count must meet; empty for temporal correlations without one,
 *     which then need every referenced rule
 * @param valueField the field whose distinct values are counted ({@code value_count} only), else
 *     null
 * @param aliases alias name → (rule name → field): group-by names standing for different fields in
 *     the events of different rules
 * @param generate whether the referenced rules also raise matches on their own
 * @param status the rule's status ({@code stable}, {@code test} …), or null
 * @param tags the rule's tags as written ({@code attack.t1110} …)
 * @param references links the rule names
 * @param source the file it came from
 * @param yaml the document as loaded
 */
public record CorrelationRule(
    String id,
    String name,
    String title,
    String description,
    String author,
    Severity level,
    Type type,
    List<String> rules,
    List<SigmaField> groupBy,
    Duration timespan,
    List<Bound> condition,
    SigmaField valueField,
    Map<String, Map<String, SigmaField>> aliases,
    boolean generate,
    String status,
    List<String> tags,
    List<String> references,
    String source,
    String yaml) {

  public CorrelationRule {
    rules = List.copyOf(rules);
    groupBy = List.copyOf(groupBy);
    condition = List.copyOf(condition);
    aliases = Map.copyOf(aliases);
    tags = tags == null ? List.of() : List.copyOf(tags);
    references = references == null ? List.of() : List.copyOf(references);
  }

  /** ATT&amp;CK tactics named by the tags. */
  public List<String> tactics() {
    return AttackTags.tactics(tags);
  }

  /** ATT&amp;CK technique ids named by the tags. */
  public List<String> techniques() {
    return AttackTags.techniques(tags);
  }

  /** The correlation types of Sigma 2. */
  public enum Type {
    /** Count events matching the rules. */
    EVENT_COUNT,
    /** Count distinct values of {@link #valueField()}. */
    VALUE_COUNT,
    /** Count how many of the rules matched, in any order. */
    TEMPORAL,
    /** Like {@link #TEMPORAL}, in the order the rules are listed. */
    TEMPORAL_ORDERED
  }

  /** A comparison of the count with a value. */
  public record Bound(Comparison comparison, long value) {

    public boolean holds(long count) {
      return switch (comparison) {
        case GT -> count > value;
        case GTE -> count >= value;
        case LT -> count < value;
        case LTE -> count <= value;
        case EQ -> count == value;
        case NEQ -> count != value;
      };
    }
  }

  /** The comparisons a correlation condition may use. */
  public enum Comparison {
    GT,
    GTE,
    LT,
    LTE,
    EQ,
    NEQ
  }

  /**
   * Whether a count (events, distinct values, or distinct rules matched) satisfies the condition:
   * every bound holds; with no bounds, every referenced rule must have matched.
   */
  public boolean conditionHolds(long count) {
    if (condition.isEmpty()) {
      return count >= rules.size();
    }
    for (Bound b : condition) {
      if (!b.holds(count)) {
        return false;
      }
    }
    return true;
  }
}
