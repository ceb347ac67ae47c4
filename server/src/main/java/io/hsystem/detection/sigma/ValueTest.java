package io.hsystem.detection.sigma;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** What one rule value asks of a field value, after all its modifiers have been applied. */
sealed interface ValueTest {

  /**
   * A (wildcard) string match, case-insensitive unless {@code cased}.
   *
   * @param negated {@code neq}: the field exists and does not match
   */
  record StringTest(SigmaString pattern, boolean cased, boolean negated) implements ValueTest {}

  /**
   * A regular expression searched in the value ({@code re}, with {@code i}/{@code m}/{@code s}).
   */
  record RegexTest(Pattern pattern) implements ValueTest {}

  /** The value is an address within a network ({@code cidr}). */
  record CidrTest(IpNetwork network) implements ValueTest {}

  /**
   * A numeric comparison ({@code gt}, {@code gte}, {@code lt}, {@code lte}, numeric {@code neq}).
   */
  record CompareTest(Comparison comparison, BigDecimal operand) implements ValueTest {}

  /** The field is absent or null ({@code field: null}). */
  record NullTest() implements ValueTest {}

  /** The field is present, or absent ({@code exists}). */
  record ExistsTest(boolean exists) implements ValueTest {}

  /**
   * The value equals (or starts with, ends with, contains) another field's value of the same event,
   * case-insensitively ({@code fieldref}).
   *
   * @param negated {@code neq}: both exist and the relation does not hold
   */
  record FieldRefTest(SigmaField other, LiteralKind kind, boolean negated) implements ValueTest {}

  /** The numeric comparisons. */
  enum Comparison {
    GT,
    GTE,
    LT,
    LTE,
    NEQ;

    boolean holds(int compared) {
      return switch (this) {
        case GT -> compared > 0;
        case GTE -> compared >= 0;
        case LT -> compared < 0;
        case LTE -> compared <= 0;
        case NEQ -> compared != 0;
      };
    }
  }
}
