package io.hsystem.eventstore;

import io.hsystem.protocol.EventField;
import java.util.List;

/**
 * A search over events, as a tree. Hunting parses the analyst's query string into this; backends
 * translate it. String matching is case-insensitive everywhere; original case is kept for display.
 */
public sealed interface EventQuery {

  /** Every event. */
  record MatchAll() implements EventQuery {}

  /**
   * The field equals the value. On {@link io.hsystem.protocol.FieldKind#TEXT} fields it also
   * matches when the value is one of the field's words; on numbers, times and IPs it is exact.
   */
  record Term(EventField field, String value) implements EventQuery {}

  /**
   * The whole field value matches the pattern: {@code *} any characters, {@code ?} one character,
   * every other character literal (backslashes too, for Windows paths).
   */
  record Wildcard(EventField field, String pattern) implements EventQuery {}

  /**
   * On a text field the words appear in this order; on a keyword field the whole value equals the
   * text. {@code field} null means any text field.
   */
  record Phrase(EventField field, String text) implements EventQuery {}

  /**
   * A range on a number, time or IP field; a null bound is open. Times are ISO-8601 instants or
   * epoch milliseconds, IPs are addresses.
   */
  record Range(
      EventField field, String lower, String upper, boolean includeLower, boolean includeUpper)
      implements EventQuery {}

  /** An IP field lies in the network, e.g. {@code 10.0.0.0/8}. */
  record Cidr(EventField field, String cidr) implements EventQuery {}

  /** A word (or a word pattern with {@code *}/{@code ?}) found in any string field. */
  record AnyField(String word) implements EventQuery {}

  /** The field has a value. */
  record Exists(EventField field) implements EventQuery {}

  record And(List<EventQuery> clauses) implements EventQuery {
    public And {
      clauses = List.copyOf(clauses);
    }
  }

  record Or(List<EventQuery> clauses) implements EventQuery {
    public Or {
      clauses = List.copyOf(clauses);
    }
  }

  record Not(EventQuery clause) implements EventQuery {}
}
