package io.hsystem.eventstore.manticore;

import io.hsystem.eventstore.EventQuery;
import io.hsystem.eventstore.EventQuery.And;
import io.hsystem.eventstore.EventQuery.AnyField;
import io.hsystem.eventstore.EventQuery.Cidr;
import io.hsystem.eventstore.EventQuery.Exists;
import io.hsystem.eventstore.EventQuery.MatchAll;
import io.hsystem.eventstore.EventQuery.Not;
import io.hsystem.eventstore.EventQuery.Or;
import io.hsystem.eventstore.EventQuery.Phrase;
import io.hsystem.eventstore.EventQuery.Range;
import io.hsystem.eventstore.EventQuery.Term;
import io.hsystem.eventstore.EventQuery.Wildcard;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Translates an {@link EventQuery} into one exact full-text MATCH() expression over the tokens of
 * {@link Tokens} and {@link Ordered}. A few wildcard shapes have no exact phrase form (several
 * literal segments, {@code ?} at a segment's open edge, {@code ?} in a word pattern); for them it
 * answers null and the store evaluates the query in Java instead.
 */
final class QueryTranslator {

  private QueryTranslator() {}

  /** The MATCH() expression, or null when it cannot be exact. */
  static String translate(EventQuery query) {
    try {
      return node(query);
    } catch (Inexact e) {
      return null;
    }
  }

  /** Thrown (without a trace) while translating a node that has no exact form. */
  private static final class Inexact extends RuntimeException {
    Inexact() {
      super(null, null, false, false);
    }
  }

  private static String node(EventQuery query) {
    if (query instanceof MatchAll) {
      return all();
    } else if (query instanceof Term t) {
      return term(t.field(), t.value());
    } else if (query instanceof Wildcard w) {
      return wildcard(w.field(), w.pattern());
    } else if (query instanceof Phrase p) {
      return phrase(p.field(), p.text());
    } else if (query instanceof Range r) {
      return range(r);
    } else if (query instanceof Cidr c) {
      requireKind(c.field(), FieldKind.IP, "CIDR");
      BigInteger[] net = Ordered.cidr(c.cidr());
      return ordered(c.field(), Ordered.rangeTokens(c.field(), net[0], net[1]));
    } else if (query instanceof AnyField a) {
      return anyField(a.word());
    } else if (query instanceof Exists e) {
      return field(Schema.HAS, Schema.presentToken(e.field()));
    } else if (query instanceof And and) {
      return and.clauses().isEmpty()
          ? all()
          : and.clauses().stream()
              .map(QueryTranslator::node)
              .collect(Collectors.joining(" ", "(", ")"));
    } else if (query instanceof Or or) {
      return or(or.clauses().stream().map(QueryTranslator::node).toList());
    } else if (query instanceof Not not) {
      return "(" + all() + " -" + node(not.clause()) + ")";
    }
    throw new IllegalArgumentException("unknown query " + query);
  }

  private static String term(EventField field, String value) {
    return switch (field.kind()) {
      case KEYWORD -> wholeValue(field, value);
      case TEXT -> or(List.of(wholeValue(field, value), wordsPhrase(List.of(field), value)));
      case NUMBER, TIME, IP ->
          ordered(field, List.of(Ordered.exactToken(field, Ordered.parse(field, value))));
      case STORED -> throw notSearchable(field);
    };
  }

  private static String wholeValue(EventField field, String value) {
    if (value == null || value.isEmpty()) {
      return none();
    }
    List<String> tokens = new ArrayList<>();
    tokens.add(Tokens.START);
    tokens.addAll(Tokens.chars(value));
    tokens.add(Tokens.END);
    return field(Schema.valueField(field), quoted(tokens));
  }

  private static String wildcard(EventField field, String pattern) {
    if (!field.isString()) {
      throw new Inexact();
    }
    return valuePattern(List.of(field), pattern);
  }

  /** Whole values of these string fields match the pattern. */
  private static String valuePattern(List<EventField> fields, String pattern) {
    List<String> names = fields.stream().map(Schema::valueField).toList();
    if (pattern.isEmpty()) {
      return none();
    }
    if (pattern.chars().allMatch(c -> c == '*')) {
      return or(fields.stream().map(f -> field(Schema.HAS, Schema.presentToken(f))).toList());
    }
    return fields(names, patternPhrase(pattern, Tokens.START, Tokens.END, false));
  }

  /**
   * The phrase for a pattern with at most one literal segment: anchors become the sentinels, each
   * {@code ?} becomes a one-token placeholder. Placeholders at the phrase edges are dropped by
   * searchd, and in word fields a placeholder could match a boundary, so both are inexact.
   */
  private static String patternPhrase(
      String pattern, String start, String end, boolean placeholderMayHitBoundary) {
    String lower = Tokens.lower(pattern);
    boolean anchoredStart = !lower.startsWith("*");
    boolean anchoredEnd = !lower.endsWith("*");
    String segment = stripStars(lower);
    if (segment.indexOf('*') >= 0) {
      throw new Inexact();
    }
    if (placeholderMayHitBoundary && segment.indexOf('?') >= 0) {
      throw new Inexact();
    }
    List<String> tokens = new ArrayList<>();
    if (anchoredStart) {
      tokens.add(start);
    }
    segment.codePoints().forEach(cp -> tokens.add(cp == '?' ? Tokens.ANY : Tokens.token(cp)));
    if (anchoredEnd) {
      tokens.add(end);
    }
    if (tokens.get(0).equals(Tokens.ANY) || tokens.get(tokens.size() - 1).equals(Tokens.ANY)) {
      throw new Inexact();
    }
    return quoted(tokens);
  }

  private static String stripStars(String pattern) {
    int from = 0;
    int to = pattern.length();
    while (from < to && pattern.charAt(from) == '*') {
      from++;
    }
    while (to > from && pattern.charAt(to - 1) == '*') {
      to--;
    }
    return pattern.substring(from, to);
  }

  private static String phrase(EventField field, String text) {
    if (field == null) {
      return or(
          EventField.ALL.stream()
              .filter(f -> f.kind() == FieldKind.TEXT)
              .map(f -> wordsPhrase(List.of(f), text))
              .toList());
    }
    return field.kind() == FieldKind.TEXT ? wordsPhrase(List.of(field), text) : term(field, text);
  }

  /** The words of {@code text} appear in this order, adjacent, in one of the fields. */
  private static String wordsPhrase(List<EventField> fields, String text) {
    List<String> words = Tokens.words(text);
    if (words.isEmpty()) {
      return none();
    }
    List<String> tokens = new ArrayList<>();
    tokens.add(Tokens.BOUNDARY);
    for (String word : words) {
      tokens.addAll(Tokens.chars(word));
      tokens.add(Tokens.BOUNDARY);
    }
    return fields(fields.stream().map(Schema::wordsField).toList(), quoted(tokens));
  }

  private static String range(Range r) {
    EventField field = r.field();
    BigInteger lower = r.lower() == null ? BigInteger.ZERO : Ordered.parse(field, r.lower());
    BigInteger upper = r.upper() == null ? Ordered.max(field) : Ordered.parse(field, r.upper());
    if (r.lower() != null && !r.includeLower()) {
      lower = lower.add(BigInteger.ONE);
    }
    if (r.upper() != null && !r.includeUpper()) {
      upper = upper.subtract(BigInteger.ONE);
    }
    return ordered(field, Ordered.rangeTokens(field, lower, upper));
  }

  /**
   * Keyword fields: the whole value equals the word or matches the pattern. Text fields: the word's
   * own words appear as a phrase, or a pattern matches one word.
   */
  private static String anyField(String word) {
    List<EventField> keywords = new ArrayList<>();
    List<EventField> texts = new ArrayList<>();
    for (EventField field : EventField.ALL) {
      if (field.kind() == FieldKind.KEYWORD) {
        keywords.add(field);
      } else if (field.kind() == FieldKind.TEXT) {
        texts.add(field);
      }
    }
    if (!word.isEmpty() && word.chars().allMatch(c -> c == '*')) {
      List<EventField> strings = new ArrayList<>(keywords);
      strings.addAll(texts);
      return valuePattern(strings, word);
    }
    if (word.indexOf('*') < 0 && word.indexOf('?') < 0) {
      return or(List.of(valuePattern(keywords, word), wordsPhrase(texts, word)));
    }
    boolean wordChars =
        word.codePoints().allMatch(cp -> cp == '*' || cp == '?' || Character.isLetterOrDigit(cp));
    String inWords =
        wordChars
            ? fields(
                texts.stream().map(Schema::wordsField).toList(),
                patternPhrase(word, Tokens.BOUNDARY, Tokens.BOUNDARY, true))
            : none();
    return or(List.of(valuePattern(keywords, word), inWords));
  }

  private static String ordered(EventField field, List<String> tokens) {
    if (tokens.isEmpty()) {
      return none();
    }
    return field(
        Schema.NUM, tokens.size() == 1 ? tokens.get(0) : "(" + String.join(" | ", tokens) + ")");
  }

  private static void requireKind(EventField field, FieldKind kind, String what) {
    if (field.kind() != kind) {
      throw new IllegalArgumentException(what + " needs an IP field, not " + field.fieldName());
    }
  }

  private static IllegalArgumentException notSearchable(EventField field) {
    return new IllegalArgumentException(field.fieldName() + " is kept but not searchable");
  }

  private static String or(List<String> alternatives) {
    if (alternatives.isEmpty()) {
      return none();
    }
    return alternatives.size() == 1
        ? alternatives.get(0)
        : "(" + String.join(" | ", alternatives) + ")";
  }

  private static String quoted(List<String> tokens) {
    return "\"" + String.join(" ", tokens) + "\"";
  }

  private static String field(String name, String expression) {
    return "(@" + name + " " + expression + ")";
  }

  private static String fields(List<String> names, String expression) {
    return "(@(" + String.join(",", names) + ") " + expression + ")";
  }

  static String all() {
    return field(Schema.HAS, Schema.ALL_TOKEN);
  }

  private static String none() {
    return field(Schema.HAS, Schema.NONE_TOKEN);
  }
}
