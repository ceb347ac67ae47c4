package io.hsystem.detection.sigma;

import io.hsystem.detection.sigma.SigmaString.LiteralShape;
import io.hsystem.detection.sigma.ValueTest.CidrTest;
import io.hsystem.detection.sigma.ValueTest.CompareTest;
import io.hsystem.detection.sigma.ValueTest.ExistsTest;
import io.hsystem.detection.sigma.ValueTest.NullTest;
import io.hsystem.detection.sigma.ValueTest.RegexTest;
import io.hsystem.detection.sigma.ValueTest.StringTest;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The executable form of a rule inside a {@link SigmaRuleSet}: a tree evaluated in three-valued
 * logic. Literal tests are bits set by the automata ({@link Hit}); a test the automata cannot
 * answer on a field of the original record (a number, a network, existence, an expression without a
 * required literal) is {@link #UNKNOWN} until the record is read, so that the record is read only
 * for a rule that canonical fields and literal hits leave undecided.
 */
final class Nodes {

  static final int FALSE = 0;
  static final int TRUE = 1;
  static final int UNKNOWN = 2;

  /** Relative evaluation costs: cheap operands go first so that AND/OR stop early. */
  private static final int COST_HIT = 1;

  private static final int COST_DIRECT = 8;
  private static final int COST_REGEX = 40;
  private static final int COST_KEYWORD = 60;
  private static final int COST_RAW = 100;

  private Nodes() {}

  abstract static class Node {
    abstract int eval(SigmaRuleSet.Matcher m);

    abstract int cost();
  }

  /** A shared literal hit: exact, answered by the field's automaton. */
  static final class Hit extends Node {
    final int literal;

    Hit(int literal) {
      this.literal = literal;
    }

    @Override
    int eval(SigmaRuleSet.Matcher m) {
      return m.hit(literal) ? TRUE : FALSE;
    }

    @Override
    int cost() {
      return COST_HIT;
    }
  }

  /** {@code neq} on a scanned literal: the field is present and the literal did not hit. */
  static final class NotHit extends Node {
    final SigmaField field;
    final int literal;

    NotHit(SigmaField field, int literal) {
      this.field = field;
      this.literal = literal;
    }

    @Override
    int eval(SigmaRuleSet.Matcher m) {
      boolean present;
      if (field.canonical() != null) {
        present = m.event().has(field.canonical());
      } else {
        // the literal is scanned in this field, so the record has been read
        int e = m.record().find(field.rawKey());
        present = e >= 0 && !m.record().isNull(e);
      }
      return present && !m.hit(literal) ? TRUE : FALSE;
    }

    @Override
    int cost() {
      return COST_HIT;
    }
  }

  /**
   * A test on one field, canonical or raw. {@code prefilter}, when not empty, holds literals one of
   * which every passing value contains: when none hit, the test fails without being run.
   */
  static final class FieldTest extends Node {
    final SigmaField field;
    final ValueTest test;
    final int[] prefilter;
    private final LiteralShape shape;

    FieldTest(SigmaField field, ValueTest test, int[] prefilter) {
      this.field = field;
      this.test = test;
      this.prefilter = prefilter;
      this.shape = test instanceof StringTest s ? s.pattern().literalShape() : null;
    }

    @Override
    int eval(SigmaRuleSet.Matcher m) {
      if (prefilter.length > 0 && !anyHit(m)) {
        return FALSE;
      }
      if (field.canonical() != null) {
        Object value = m.event().get(field.canonical());
        if (test instanceof StringTest s
            && !s.negated()
            && shape != null
            && shape.kind() == LiteralKind.EQUALS
            && shape.literal().isEmpty()) {
          // the canonical event stores no empty strings: an empty source value is absent
          return value == null ? TRUE : FALSE;
        }
        return test(m, value == null ? null : m.text(value), value) ? TRUE : FALSE;
      }
      if (!m.recordAvailable()) {
        return UNKNOWN;
      }
      RawRecord record = m.record();
      String key = field.rawKey();
      int first = record.find(key);
      if (test instanceof ExistsTest e) {
        return (first >= 0) == e.exists() ? TRUE : FALSE;
      }
      if (test instanceof NullTest) {
        return first < 0 || (record.isNull(first) && record.findNext(first) < 0) ? TRUE : FALSE;
      }
      boolean negated = test instanceof StringTest s && s.negated();
      boolean present = false;
      for (int e = first; e >= 0; e = record.findNext(e)) {
        if (record.isNull(e)) {
          continue;
        }
        present = true;
        boolean passes = test(m, record.value(e), null);
        if (passes != negated) {
          return negated ? FALSE : TRUE;
        }
      }
      return negated && present ? TRUE : FALSE;
    }

    private boolean anyHit(SigmaRuleSet.Matcher m) {
      for (int literal : prefilter) {
        if (m.hit(literal)) {
          return true;
        }
      }
      return false;
    }

    /** The test on a present (text non-null) or absent value; {@code value} is its typed form. */
    private boolean test(SigmaRuleSet.Matcher m, CharSequence text, Object value) {
      if (test instanceof NullTest) {
        return text == null;
      }
      if (test instanceof ExistsTest e) {
        return (text != null) == e.exists();
      }
      if (text == null) {
        return false;
      }
      if (test instanceof StringTest s) {
        return matchesString(s, shape, text) != s.negated();
      }
      if (test instanceof RegexTest r) {
        return m.find(r, text);
      }
      if (test instanceof CidrTest c) {
        return c.network().contains(text);
      }
      return compare((CompareTest) test, value, text);
    }

    @Override
    int cost() {
      int base = test instanceof RegexTest ? COST_REGEX : COST_DIRECT;
      base = prefilter.length > 0 ? Math.min(base, COST_HIT + 1) : base;
      return field.canonical() == null ? base + COST_RAW : base;
    }
  }

  /** {@code fieldref}: compares two fields of the same event, case-insensitively. */
  static final class FieldRef extends Node {
    final SigmaField field;
    final SigmaField other;
    final LiteralKind kind;
    final boolean negated;

    FieldRef(SigmaField field, ValueTest.FieldRefTest test) {
      this.field = field;
      this.other = test.other();
      this.kind = test.kind();
      this.negated = test.negated();
    }

    @Override
    int eval(SigmaRuleSet.Matcher m) {
      if ((field.isRaw() || other.isRaw()) && !m.recordAvailable()) {
        return UNKNOWN;
      }
      CharSequence a = value(m, field);
      CharSequence b = value(m, other);
      if (a == null || b == null) {
        return FALSE;
      }
      return Text.matches(a, kind, b.toString(), false) != negated ? TRUE : FALSE;
    }

    private static CharSequence value(SigmaRuleSet.Matcher m, SigmaField f) {
      if (f.canonical() != null) {
        Object v = m.event().get(f.canonical());
        return v == null ? null : v.toString();
      }
      RawRecord record = m.record();
      int e = record.find(f.rawKey());
      return e < 0 || record.isNull(e) ? null : record.valueString(e);
    }

    @Override
    int cost() {
      return field.isRaw() || other.isRaw() ? COST_RAW : COST_DIRECT;
    }
  }

  /**
   * The canonical fields keywords search besides the original record: the string and address fields
   * taken from the record, not the ones H-System sets itself (ids, types, source).
   */
  static final List<EventField> KEYWORD_FIELDS =
      EventField.ALL.stream()
          .filter(f -> f.isString() || f.kind() == FieldKind.IP)
          .filter(
              f ->
                  !EnumSet.of(
                          EventField.EVENT_ID,
                          EventField.EVENT_TYPE,
                          EventField.EVENT_CATEGORY,
                          EventField.SOURCE_TYPE,
                          EventField.TRUNCATED)
                      .contains(f))
          .toList();

  /**
   * A keyword the automata cannot answer (a wildcard pattern, a regular expression, a cased value):
   * passes when any of {@link #KEYWORD_FIELDS}, or the searchable text of the original record
   * ({@link JsonText}), passes the test. Plain keywords compile to literal hits instead.
   */
  static final class Keyword extends Node {
    final ValueTest test;
    private final LiteralShape shape;

    Keyword(ValueTest test) {
      this.test = test;
      this.shape = test instanceof StringTest s ? s.pattern().literalShape() : null;
    }

    @Override
    int eval(SigmaRuleSet.Matcher m) {
      if (passes(m, m.searchableRaw())) {
        return TRUE;
      }
      for (EventField f : KEYWORD_FIELDS) {
        Object v = m.event().get(f);
        if (v != null && passes(m, (String) v)) {
          return TRUE;
        }
      }
      return FALSE;
    }

    private boolean passes(SigmaRuleSet.Matcher m, CharSequence text) {
      return test instanceof StringTest s
          ? matchesString(s, shape, text)
          : m.find((RegexTest) test, text);
    }

    @Override
    int cost() {
      return COST_KEYWORD;
    }
  }

  /** All operands hold. */
  static final class And extends Node {
    final Node[] operands;

    And(List<Node> operands) {
      this.operands = byCost(operands);
    }

    @Override
    int eval(SigmaRuleSet.Matcher m) {
      int result = TRUE;
      for (Node n : operands) {
        int r = n.eval(m);
        if (r == FALSE) {
          return FALSE;
        }
        if (r == UNKNOWN) {
          result = UNKNOWN;
        }
      }
      return result;
    }

    @Override
    int cost() {
      return totalCost(operands);
    }
  }

  /** At least one operand holds. */
  static final class Or extends Node {
    final Node[] operands;

    Or(List<Node> operands) {
      this.operands = byCost(operands);
    }

    @Override
    int eval(SigmaRuleSet.Matcher m) {
      int result = FALSE;
      for (Node n : operands) {
        int r = n.eval(m);
        if (r == TRUE) {
          return TRUE;
        }
        if (r == UNKNOWN) {
          result = UNKNOWN;
        }
      }
      return result;
    }

    @Override
    int cost() {
      return totalCost(operands);
    }
  }

  /** The operand does not hold. */
  static final class Not extends Node {
    final Node operand;

    Not(Node operand) {
      this.operand = operand;
    }

    @Override
    int eval(SigmaRuleSet.Matcher m) {
      int r = operand.eval(m);
      return r == UNKNOWN ? UNKNOWN : r == TRUE ? FALSE : TRUE;
    }

    @Override
    int cost() {
      return operand.cost();
    }
  }

  /** At least {@code min} operands hold. */
  static final class AtLeast extends Node {
    final int min;
    final Node[] operands;

    AtLeast(int min, List<Node> operands) {
      this.min = min;
      this.operands = byCost(operands);
    }

    @Override
    int eval(SigmaRuleSet.Matcher m) {
      int yes = 0;
      int unknown = 0;
      for (Node n : operands) {
        int r = n.eval(m);
        if (r == TRUE && ++yes >= min) {
          return TRUE;
        }
        if (r == UNKNOWN) {
          unknown++;
        }
      }
      return yes + unknown >= min ? UNKNOWN : FALSE;
    }

    @Override
    int cost() {
      return totalCost(operands);
    }
  }

  static boolean matchesString(StringTest s, LiteralShape shape, CharSequence text) {
    if (shape != null) {
      return Text.matches(text, shape.kind(), shape.literal(), s.cased());
    }
    return s.pattern().matchesAnything() || s.pattern().matches(text, s.cased());
  }

  private static boolean compare(CompareTest c, Object value, CharSequence text) {
    BigDecimal operand = c.operand();
    int compared;
    if (value instanceof Long l) {
      compared = BigDecimal.valueOf(l).compareTo(operand);
    } else {
      BigDecimal parsed = parseNumber(text);
      if (parsed == null) {
        return false;
      }
      compared = parsed.compareTo(operand);
    }
    return c.comparison().holds(compared);
  }

  private static BigDecimal parseNumber(CharSequence text) {
    String s = text.toString().strip();
    if (s.isEmpty() || s.length() > 64) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Node[] byCost(List<Node> operands) {
    Node[] sorted = operands.toArray(new Node[0]);
    Arrays.sort(sorted, Comparator.comparingInt(Node::cost));
    return sorted;
  }

  private static int totalCost(Node[] operands) {
    int total = 0;
    for (Node n : operands) {
      total = Math.min(10_000, total + n.cost());
    }
    return total;
  }
}
