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
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;

/**
 * Evaluates an {@link EventQuery} on one event in Java, with the same semantics as the MATCH()
 * translation; used for the query shapes {@link QueryTranslator} cannot express exactly.
 */
final class EventMatcher {

  private EventMatcher() {}

  static boolean matches(EventQuery query, Event event) {
    if (query instanceof MatchAll) {
      return true;
    } else if (query instanceof Term t) {
      return term(event, t.field(), t.value());
    } else if (query instanceof Wildcard w) {
      Object value = event.get(w.field());
      return value != null && glob(Tokens.lower(value.toString()), w.pattern());
    } else if (query instanceof Phrase p) {
      return phrase(event, p.field(), p.text());
    } else if (query instanceof Range r) {
      return range(event, r);
    } else if (query instanceof Cidr c) {
      BigInteger[] net = Ordered.cidr(c.cidr());
      return within(event, c.field(), net[0], net[1]);
    } else if (query instanceof AnyField a) {
      return anyField(event, a.word());
    } else if (query instanceof Exists e) {
      return event.has(e.field());
    } else if (query instanceof And and) {
      return and.clauses().stream().allMatch(c -> matches(c, event));
    } else if (query instanceof Or or) {
      return or.clauses().stream().anyMatch(c -> matches(c, event));
    } else if (query instanceof Not not) {
      return !matches(not.clause(), event);
    }
    throw new IllegalArgumentException("unknown query " + query);
  }

  private static boolean term(Event event, EventField field, String value) {
    Object stored = event.get(field);
    if (stored == null) {
      return false;
    }
    return switch (field.kind()) {
      case KEYWORD -> Tokens.lower((String) stored).equals(Tokens.lower(value));
      case TEXT -> {
        if (Tokens.lower((String) stored).equals(Tokens.lower(value))) {
          yield true;
        }
        yield containsPhrase((String) stored, value);
      }
      case NUMBER, TIME, IP -> Ordered.of(field, stored).equals(Ordered.parse(field, value));
      case STORED -> throw new IllegalArgumentException(field.fieldName() + " is not searchable");
    };
  }

  private static boolean phrase(Event event, EventField field, String text) {
    if (field == null) {
      for (EventField f : EventField.ALL) {
        if (f.kind() == FieldKind.TEXT && phrase(event, f, text)) {
          return true;
        }
      }
      return false;
    }
    if (field.kind() != FieldKind.TEXT) {
      return term(event, field, text);
    }
    String stored = event.getString(field);
    return stored != null && containsPhrase(stored, text);
  }

  private static boolean containsPhrase(String stored, String text) {
    List<String> query = Tokens.words(text);
    return !query.isEmpty() && Collections.indexOfSubList(Tokens.words(stored), query) >= 0;
  }

  private static boolean range(Event event, Range r) {
    EventField field = r.field();
    BigInteger lower = r.lower() == null ? BigInteger.ZERO : Ordered.parse(field, r.lower());
    BigInteger upper = r.upper() == null ? Ordered.max(field) : Ordered.parse(field, r.upper());
    if (r.lower() != null && !r.includeLower()) {
      lower = lower.add(BigInteger.ONE);
    }
    if (r.upper() != null && !r.includeUpper()) {
      upper = upper.subtract(BigInteger.ONE);
    }
    return within(event, field, lower, upper);
  }

  private static boolean within(Event event, EventField field, BigInteger lower, BigInteger upper) {
    Object stored = event.get(field);
    if (stored == null) {
      return false;
    }
    BigInteger value = Ordered.of(field, stored);
    return value.compareTo(lower) >= 0 && value.compareTo(upper) <= 0;
  }

  private static boolean anyField(Event event, String word) {
    if (word.isEmpty()) {
      return false;
    }
    boolean pattern = word.indexOf('*') >= 0 || word.indexOf('?') >= 0;
    boolean anything = word.chars().allMatch(c -> c == '*');
    for (EventField field : EventField.ALL) {
      String stored = field.isString() ? event.getString(field) : null;
      if (stored == null) {
        continue;
      }
      if (anything || field.kind() == FieldKind.KEYWORD) {
        if (glob(Tokens.lower(stored), word)) {
          return true;
        }
      } else if (pattern
          ? Tokens.words(stored).stream().anyMatch(w -> glob(w, word))
          : containsPhrase(stored, word)) {
        return true;
      }
    }
    return false;
  }

  /** A lower-cased value matches the pattern: {@code *} any run, {@code ?} one code point. */
  static boolean glob(String lowerValue, String pattern) {
    int[] v = lowerValue.codePoints().toArray();
    int[] p = Tokens.lower(pattern).codePoints().toArray();
    int vi = 0;
    int pi = 0;
    int star = -1;
    int mark = 0;
    while (vi < v.length) {
      if (pi < p.length && (p[pi] == '?' || (p[pi] != '*' && p[pi] == v[vi]))) {
        vi++;
        pi++;
      } else if (pi < p.length && p[pi] == '*') {
        star = pi++;
        mark = vi;
      } else if (star >= 0) {
        pi = star + 1;
        vi = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == '*') {
      pi++;
    }
    return pi == p.length;
  }
}
