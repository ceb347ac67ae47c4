package io.hsystem.hunting;

import io.hsystem.eventstore.EventQuery;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Lucene-style query language analysts know into an {@link EventQuery}.
 *
 * <ul>
 *   <li>{@code field:value}, {@code field:"a phrase"}, bare words and {@code "phrases"} (any
 *       field); canonical names and ECS aliases ({@code process.name});
 *   <li>{@code *} and {@code ?} wildcards; {@code field:*} means the field exists;
 *   <li>{@code AND}, {@code OR}, {@code NOT} (also {@code &&}, {@code ||}, {@code !}, a leading
 *       {@code -}), parentheses, adjacent clauses joined by AND; NOT binds tighter than AND, AND
 *       tighter than OR;
 *   <li>ranges {@code dst_port:[1 TO 1024]}, {@code {…}} exclusive, {@code *} open, and {@code
 *       dst_port:>1024} / {@code >=} / {@code <} / {@code <=};
 *   <li>CIDR on IP fields: {@code src_ip:10.0.0.0/8}.
 * </ul>
 *
 * <p>Backslashes are literal outside quotes, so Windows paths work as typed: {@code path:C:\Temp\*}
 * is "path starts with C:\Temp\". Inside quotes {@code \"} is a quote and {@code \\} a backslash; a
 * quoted value with {@code *} or {@code ?} is a whole-value pattern ({@code path:"C:\Program
 * Files\*"}).
 */
public final class HuntingQueryParser {

  static final int MAX_LENGTH = 4096;
  private static final int MAX_DEPTH = 32;
  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final String input;
  private int pos;
  private int depth;

  private HuntingQueryParser(String input) {
    this.input = input;
  }

  /** Parses a query; blank means every event. */
  public static EventQuery parse(String query) {
    if (query == null || query.isBlank()) {
      return new EventQuery.MatchAll();
    }
    if (query.length() > MAX_LENGTH) {
      throw new QuerySyntaxException(
          "the query is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
    }
    HuntingQueryParser parser = new HuntingQueryParser(query);
    EventQuery result = parser.orExpression();
    parser.skipSpace();
    if (parser.pos < query.length()) {
      throw new QuerySyntaxException("unexpected '" + query.charAt(parser.pos) + "'", parser.pos);
    }
    return result;
  }

  private EventQuery orExpression() {
    List<EventQuery> clauses = new ArrayList<>();
    clauses.add(andExpression());
    while (acceptOperator("OR") || acceptSymbol("||")) {
      clauses.add(andExpression());
    }
    return clauses.size() == 1 ? clauses.get(0) : new EventQuery.Or(clauses);
  }

  private EventQuery andExpression() {
    List<EventQuery> clauses = new ArrayList<>();
    clauses.add(notExpression());
    while (true) {
      skipSpace();
      if (pos >= input.length()
          || input.charAt(pos) == ')'
          || peekOperator("OR")
          || peekSymbol("||")) {
        break;
      }
      if (!acceptOperator("AND")) {
        acceptSymbol("&&");
      }
      clauses.add(notExpression());
    }
    return clauses.size() == 1 ? clauses.get(0) : new EventQuery.And(clauses);
  }

  private EventQuery notExpression() {
    skipSpace();
    int start = pos;
    if (acceptOperator("NOT") || acceptSymbol("!") || acceptPrefix('-')) {
      return new EventQuery.Not(nested(start, this::notExpression));
    }
    acceptPrefix('+');
    return primary();
  }

  private EventQuery primary() {
    skipSpace();
    if (pos >= input.length()) {
      throw new QuerySyntaxException("the query ends where a search term was expected", pos);
    }
    char c = input.charAt(pos);
    if (c == '(') {
      int open = pos++;
      EventQuery inner = nested(open, this::orExpression);
      skipSpace();
      if (pos >= input.length() || input.charAt(pos) != ')') {
        throw new QuerySyntaxException("the '(' is never closed", open);
      }
      pos++;
      return inner;
    }
    if (c == ')') {
      throw new QuerySyntaxException("unexpected ')'", pos);
    }
    if (c == '"') {
      int start = pos;
      String text = quoted();
      return hasWildcard(text) ? new EventQuery.AnyField(text) : phraseOrEmpty(null, text, start);
    }
    int start = pos;
    int colon = fieldColon();
    if (colon > 0) {
      String name = input.substring(pos, colon);
      EventField field = EventField.byName(name);
      if (field == null) {
        throw new QuerySyntaxException(
            "unknown field '" + name + "' (put text in quotes to search for it)", start);
      }
      pos = colon + 1;
      return fieldValue(field, start);
    }
    String word = bareValue();
    if (word.isEmpty()) {
      throw new QuerySyntaxException("unexpected '" + input.charAt(pos) + "'", pos);
    }
    return new EventQuery.AnyField(word);
  }

  private EventQuery fieldValue(EventField field, int start) {
    if (field.kind() == FieldKind.STORED) {
      throw new QuerySyntaxException(
          field.fieldName() + " is kept for display and cannot be searched", start);
    }
    skipSpace();
    if (pos >= input.length()) {
      throw new QuerySyntaxException("a value is missing after '" + field.fieldName() + ":'", pos);
    }
    char c = input.charAt(pos);
    if (c == '[' || c == '{') {
      return range(field);
    }
    if (c == '>' || c == '<') {
      return comparison(field);
    }
    if (c == '(') {
      // field:(a OR b) applies the field to every value of the group
      int open = pos++;
      List<EventQuery> values = new ArrayList<>();
      boolean or = true;
      while (true) {
        skipSpace();
        if (pos >= input.length()) {
          throw new QuerySyntaxException("the '(' is never closed", open);
        }
        if (input.charAt(pos) == ')') {
          pos++;
          break;
        }
        if (acceptOperator("OR") || acceptSymbol("||")) {
          continue;
        }
        if (acceptOperator("AND") || acceptSymbol("&&")) {
          or = false;
          continue;
        }
        values.add(singleValue(field, pos));
      }
      if (values.isEmpty()) {
        throw new QuerySyntaxException("empty value group", open);
      }
      return values.size() == 1
          ? values.get(0)
          : or ? new EventQuery.Or(values) : new EventQuery.And(values);
    }
    return singleValue(field, start);
  }

  private EventQuery singleValue(EventField field, int start) {
    if (input.charAt(pos) == '"') {
      int at = pos;
      String text = quoted();
      if (hasWildcard(text) && field.isString()) {
        return new EventQuery.Wildcard(field, text);
      }
      return field.isString() ? phraseOrEmpty(field, text, at) : typedTerm(field, text, at);
    }
    int at = pos;
    String value = bareValue();
    if (value.isEmpty()) {
      throw new QuerySyntaxException("a value is missing after '" + field.fieldName() + ":'", at);
    }
    if (value.equals("*")) {
      return new EventQuery.Exists(field);
    }
    if (field.kind() == FieldKind.IP && value.indexOf('/') > 0) {
      return new EventQuery.Cidr(field, value);
    }
    if (hasWildcard(value)) {
      if (field.kind() == FieldKind.NUMBER || field.kind() == FieldKind.TIME) {
        throw new QuerySyntaxException(
            field.fieldName()
                + " takes no wildcards: use a range such as "
                + field.fieldName()
                + ":[1 TO 1024]",
            at);
      }
      return new EventQuery.Wildcard(field, value);
    }
    return typedTerm(field, value, at);
  }

  private EventQuery typedTerm(EventField field, String value, int at) {
    if (field.kind() == FieldKind.TIME) {
      Instant[] day = timeValue(value, at);
      return new EventQuery.Range(field, day[0].toString(), day[1].toString(), true, false);
    }
    if (field.kind() == FieldKind.NUMBER) {
      number(field, value, at);
    }
    return new EventQuery.Term(field, value);
  }

  private EventQuery range(EventField field) {
    int open = pos;
    boolean includeLower = input.charAt(pos++) == '[';
    String lower = rangeBound(open);
    skipSpace();
    if (!acceptOperator("TO")) {
      throw new QuerySyntaxException("a range needs TO between its bounds", pos);
    }
    String upper = rangeBound(open);
    skipSpace();
    if (pos >= input.length() || (input.charAt(pos) != ']' && input.charAt(pos) != '}')) {
      throw new QuerySyntaxException("the range is not closed with ] or }", open);
    }
    boolean includeUpper = input.charAt(pos++) == ']';
    return rangeQuery(field, lower, upper, includeLower, includeUpper, open);
  }

  private EventQuery comparison(EventField field) {
    int at = pos;
    char op = input.charAt(pos++);
    boolean inclusive = pos < input.length() && input.charAt(pos) == '=';
    if (inclusive) {
      pos++;
    }
    String value = pos < input.length() && input.charAt(pos) == '"' ? quoted() : bareValue();
    if (value.isEmpty()) {
      throw new QuerySyntaxException("a value is missing after '" + op + "'", pos);
    }
    return op == '>'
        ? rangeQuery(field, value, null, inclusive, false, at)
        : rangeQuery(field, null, value, false, inclusive, at);
  }

  private EventQuery rangeQuery(
      EventField field,
      String lower,
      String upper,
      boolean includeLower,
      boolean includeUpper,
      int at) {
    if (field.kind() == FieldKind.TIME) {
      // a date without a time covers the whole day
      if (lower != null) {
        Instant[] l = timeValue(lower, at);
        lower = (includeLower ? l[0] : l[1]).toString();
        includeLower = true;
      }
      if (upper != null) {
        Instant[] u = timeValue(upper, at);
        upper = (includeUpper ? u[1] : u[0]).toString();
        includeUpper = false;
      }
    } else if (field.kind() == FieldKind.NUMBER) {
      if (lower != null) {
        number(field, lower, at);
      }
      if (upper != null) {
        number(field, upper, at);
      }
    }
    return new EventQuery.Range(field, lower, upper, includeLower, includeUpper);
  }

  private String rangeBound(int open) {
    skipSpace();
    if (pos >= input.length()) {
      throw new QuerySyntaxException("the range is not closed with ] or }", open);
    }
    String value;
    if (input.charAt(pos) == '"') {
      value = quoted();
    } else {
      int start = pos;
      while (pos < input.length()
          && !Character.isWhitespace(input.charAt(pos))
          && input.charAt(pos) != ']'
          && input.charAt(pos) != '}') {
        pos++;
      }
      value = input.substring(start, pos);
    }
    if (value.isEmpty()) {
      throw new QuerySyntaxException("a range bound is missing", pos);
    }
    return value.equals("*") ? null : value;
  }

  /** Start and end of the instant or day a time value names. */
  private static Instant[] timeValue(String value, int at) {
    String v = value.trim();
    try {
      Instant t = Instant.parse(v);
      return new Instant[] {t, t.plusMillis(1)};
    } catch (DateTimeParseException ignored) {
      // try the other forms
    }
    try {
      Instant t = LocalDateTime.parse(v, SPACED).toInstant(ZoneOffset.UTC);
      return new Instant[] {t, t.plusSeconds(1)};
    } catch (DateTimeParseException ignored) {
      // try a date
    }
    try {
      LocalDate d = LocalDate.parse(v);
      return new Instant[] {
        d.atStartOfDay().toInstant(ZoneOffset.UTC),
        d.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
      };
    } catch (DateTimeParseException e) {
      throw new QuerySyntaxException(
          "'"
              + value
              + "' is not a time (use 2025-08-27, \"2025-08-27 14:25:03\" or 2025-08-27T14:25:03Z, UTC)",
          at);
    }
  }

  private static void number(EventField field, String value, int at) {
    try {
      Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new QuerySyntaxException(
          field.fieldName() + " takes a whole number, not '" + value + "'", at);
    }
  }

  private EventQuery phraseOrEmpty(EventField field, String text, int at) {
    if (text.isEmpty()) {
      throw new QuerySyntaxException("empty quotes", at);
    }
    return new EventQuery.Phrase(field, text);
  }

  private EventQuery nested(int at, java.util.function.Supplier<EventQuery> inner) {
    if (++depth > MAX_DEPTH) {
      throw new QuerySyntaxException("the query nests deeper than " + MAX_DEPTH + " levels", at);
    }
    try {
      return inner.get();
    } finally {
      depth--;
    }
  }

  /** Position of the ':' ending a field name at pos, or -1 when there is no field name. */
  private int fieldColon() {
    int i = pos;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '@') {
        i++;
      } else {
        break;
      }
    }
    return i > pos && i < input.length() && input.charAt(i) == ':' ? i : -1;
  }

  /**
   * An unquoted value: up to whitespace, or up to a ')' that no '(' inside the value opened (that
   * one closes a group), so {@code command_line:foo(bar)} keeps its parentheses.
   */
  private String bareValue() {
    int start = pos;
    int open = 0;
    while (pos < input.length() && !Character.isWhitespace(input.charAt(pos))) {
      char c = input.charAt(pos);
      if (c == '(') {
        open++;
      } else if (c == ')') {
        if (open == 0) {
          break;
        }
        open--;
      }
      pos++;
    }
    return input.substring(start, pos);
  }

  private String quoted() {
    int open = pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\'
          && pos < input.length()
          && (input.charAt(pos) == '"' || input.charAt(pos) == '\\')) {
        sb.append(input.charAt(pos++));
      } else {
        sb.append(c);
      }
    }
    throw new QuerySyntaxException("the quote is never closed", open);
  }

  private static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  private void skipSpace() {
    while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
      pos++;
    }
  }

  private boolean peekOperator(String word) {
    int end = pos + word.length();
    return input.startsWith(word, pos)
        && (end == input.length()
            || Character.isWhitespace(input.charAt(end))
            || input.charAt(end) == '(');
  }

  private boolean acceptOperator(String word) {
    skipSpace();
    if (peekOperator(word)) {
      pos += word.length();
      return true;
    }
    return false;
  }

  private boolean peekSymbol(String symbol) {
    return input.startsWith(symbol, pos);
  }

  private boolean acceptSymbol(String symbol) {
    skipSpace();
    if (peekSymbol(symbol)) {
      pos += symbol.length();
      return true;
    }
    return false;
  }

  /**
   * A '-' or '+' glued to a group, a quote or a field clause; before a plain word it is part of the
   * word, so {@code -Enc} searches for "-Enc".
   */
  private boolean acceptPrefix(char sign) {
    if (pos + 1 < input.length()
        && input.charAt(pos) == sign
        && (input.charAt(pos + 1) == '('
            || input.charAt(pos + 1) == '"'
            || fieldColonAt(pos + 1))) {
      pos++;
      return true;
    }
    return false;
  }

  private boolean fieldColonAt(int at) {
    int saved = pos;
    pos = at;
    try {
      return fieldColon() > 0;
    } finally {
      pos = saved;
    }
  }
}
