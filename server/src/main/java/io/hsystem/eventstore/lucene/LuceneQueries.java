package io.hsystem.eventstore.lucene;

import static io.hsystem.eventstore.lucene.LuceneFields.lower;

import io.hsystem.eventstore.EventQuery;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Translates {@link EventQuery} trees into Lucene queries. Invalid values for a field's kind (a
 * word where a port belongs) raise {@link IllegalArgumentException} with a message for the analyst.
 */
final class LuceneQueries {

  private static final java.util.regex.Pattern INFIX_WORD =
      java.util.regex.Pattern.compile("\\*[\\p{L}\\p{N}]+\\*");

  private static final List<EventField> TEXT_FIELDS =
      EventField.ALL.stream().filter(f -> f.kind() == FieldKind.TEXT).toList();
  private static final List<EventField> IP_FIELDS =
      EventField.ALL.stream().filter(f -> f.kind() == FieldKind.IP).toList();

  private final Analyzer words;

  LuceneQueries(Analyzer words) {
    this.words = words;
  }

  Query translate(EventQuery query, TimeRange range) {
    Query main = translate(query);
    if (range == null || (range.from() == null && range.to() == null)) {
      return main;
    }
    long from = range.from() == null ? Long.MIN_VALUE : range.from().toEpochMilli();
    long to = range.to() == null ? Long.MAX_VALUE : range.to().toEpochMilli() - 1;
    return new BooleanQuery.Builder()
        .add(main, Occur.MUST)
        .add(LongPoint.newRangeQuery(EventField.EVENT_TIME.fieldName(), from, to), Occur.FILTER)
        .build();
  }

  Query translate(EventQuery query) {
    if (query instanceof EventQuery.MatchAll) {
      return new MatchAllDocsQuery();
    } else if (query instanceof EventQuery.Term t) {
      return term(t.field(), t.value());
    } else if (query instanceof EventQuery.Wildcard w) {
      return wildcard(w.field(), w.pattern());
    } else if (query instanceof EventQuery.Phrase p) {
      return phrase(p.field(), p.text());
    } else if (query instanceof EventQuery.Range r) {
      return range(r);
    } else if (query instanceof EventQuery.Cidr c) {
      return cidr(c.field(), c.cidr());
    } else if (query instanceof EventQuery.AnyField a) {
      return anyField(a.word(), true);
    } else if (query instanceof EventQuery.Exists e) {
      return LuceneDocuments.exists(e.field());
    } else if (query instanceof EventQuery.And and) {
      return bool(and.clauses(), true);
    } else if (query instanceof EventQuery.Or or) {
      return bool(or.clauses(), false);
    } else if (query instanceof EventQuery.Not not) {
      return new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), Occur.MUST)
          .add(translate(not.clause()), Occur.MUST_NOT)
          .build();
    }
    throw new IllegalArgumentException("unsupported query " + query);
  }

  private Query bool(List<EventQuery> clauses, boolean all) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    boolean positive = false;
    for (EventQuery clause : clauses) {
      if (all && clause instanceof EventQuery.Not not) {
        builder.add(translate(not.clause()), Occur.MUST_NOT);
      } else {
        builder.add(translate(clause), all ? Occur.MUST : Occur.SHOULD);
        positive = true;
      }
    }
    if (!positive) {
      builder.add(new MatchAllDocsQuery(), Occur.MUST);
    }
    return builder.build();
  }

  private Query term(EventField field, String value) {
    String name = field.fieldName();
    return switch (field.kind()) {
      case KEYWORD -> new TermQuery(new Term(name, lower(value)));
      case TEXT -> {
        Query words = wordsQuery(LuceneFields.words(field), value);
        yield new BooleanQuery.Builder()
            .add(new TermQuery(new Term(name, lower(value))), Occur.SHOULD)
            .add(words, Occur.SHOULD)
            .build();
      }
      case NUMBER -> LongPoint.newExactQuery(name, number(field, value));
      case TIME -> LongPoint.newExactQuery(name, time(field, value));
      case IP -> InetAddressPoint.newExactQuery(name, ip(field, value));
      case STORED -> throw notSearchable(field);
    };
  }

  private Query wildcard(EventField field, String pattern) {
    if (field.kind() == FieldKind.NUMBER || field.kind() == FieldKind.TIME) {
      throw new IllegalArgumentException(
          field.fieldName()
              + " is a "
              + (field.kind() == FieldKind.TIME ? "time" : "number")
              + ": use a range such as "
              + field.fieldName()
              + ":[1 TO 1024]");
    }
    if (field.kind() == FieldKind.STORED) {
      throw notSearchable(field);
    }
    String lowered = lower(pattern);
    if (field.kind() == FieldKind.TEXT && INFIX_WORD.matcher(lowered).matches()) {
      // "*word*" with letters and digits only can only match inside one word: search the far
      // smaller dictionary of words instead of every whole value
      return new WildcardQuery(new Term(LuceneFields.words(field), lowered));
    }
    int star = lowered.indexOf('*');
    if (star == lowered.length() - 1 && lowered.indexOf('?') < 0) {
      return new PrefixQuery(new Term(field.fieldName(), lowered.substring(0, star)));
    }
    return new WildcardQuery(new Term(field.fieldName(), escapeBackslashes(lowered)));
  }

  private Query phrase(EventField field, String text) {
    if (field == null) {
      return anyField(text, false);
    }
    return switch (field.kind()) {
      case TEXT -> wordsQuery(LuceneFields.words(field), text);
      case KEYWORD -> new TermQuery(new Term(field.fieldName(), lower(text)));
      default -> term(field, text);
    };
  }

  private Query range(EventQuery.Range r) {
    EventField field = r.field();
    String name = field.fieldName();
    return switch (field.kind()) {
      case NUMBER, TIME -> {
        long lower = r.lower() == null ? Long.MIN_VALUE : bound(field, r.lower());
        long upper = r.upper() == null ? Long.MAX_VALUE : bound(field, r.upper());
        if (r.lower() != null && !r.includeLower()) {
          if (lower == Long.MAX_VALUE) {
            yield new MatchNoDocsQuery();
          }
          lower++;
        }
        if (r.upper() != null && !r.includeUpper()) {
          if (upper == Long.MIN_VALUE) {
            yield new MatchNoDocsQuery();
          }
          upper--;
        }
        yield LongPoint.newRangeQuery(name, lower, upper);
      }
      case IP -> {
        InetAddress lower = r.lower() == null ? null : ip(field, r.lower());
        InetAddress upper = r.upper() == null ? null : ip(field, r.upper());
        boolean v6 =
            (lower != null && lower.getAddress().length == 16)
                || (upper != null && upper.getAddress().length == 16);
        if (lower == null) {
          lower = v6 ? InetAddressPoint.MIN_VALUE : ip(field, "0.0.0.0");
        } else if (!r.includeLower()) {
          lower = InetAddressPoint.nextUp(lower);
        }
        if (upper == null) {
          upper = v6 ? InetAddressPoint.MAX_VALUE : ip(field, "255.255.255.255");
        } else if (!r.includeUpper()) {
          upper = InetAddressPoint.nextDown(upper);
        }
        yield InetAddressPoint.newRangeQuery(name, lower, upper);
      }
      case KEYWORD, TEXT ->
          new TermRangeQuery(
              name,
              r.lower() == null ? null : new org.apache.lucene.util.BytesRef(lower(r.lower())),
              r.upper() == null ? null : new org.apache.lucene.util.BytesRef(lower(r.upper())),
              r.includeLower(),
              r.includeUpper());
      case STORED -> throw notSearchable(field);
    };
  }

  private Query cidr(EventField field, String cidr) {
    if (field.kind() != FieldKind.IP) {
      throw new IllegalArgumentException(field.fieldName() + " is not an IP field");
    }
    int slash = cidr.indexOf('/');
    InetAddress network = ip(field, cidr.substring(0, slash));
    int max = network.getAddress().length * 8;
    int bits;
    try {
      bits = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      bits = -1;
    }
    if (bits < 0 || bits > max) {
      throw new IllegalArgumentException(
          field.fieldName() + ": the prefix length of " + cidr + " must be 0 to " + max);
    }
    return InetAddressPoint.newPrefixQuery(field.fieldName(), network, bits);
  }

  /**
   * A bare word: the words of every keyword value ({@code _all}) and of every text field (their own
   * word twins), and an IP address in every IP field.
   */
  private Query anyField(String word, boolean wildcards) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    boolean wildcard = wildcards && (word.indexOf('*') >= 0 || word.indexOf('?') >= 0);
    String pattern = escapeBackslashes(lower(word));
    any.add(
        wildcard
            ? new WildcardQuery(new Term(LuceneFields.ALL, pattern))
            : wordsQuery(LuceneFields.ALL, word),
        Occur.SHOULD);
    for (EventField field : TEXT_FIELDS) {
      String words = LuceneFields.words(field);
      any.add(
          wildcard ? new WildcardQuery(new Term(words, pattern)) : wordsQuery(words, word),
          Occur.SHOULD);
    }
    InetAddress ip = wildcard ? null : IpParsing.parse(word.trim());
    if (ip != null) {
      for (EventField field : IP_FIELDS) {
        any.add(InetAddressPoint.newExactQuery(field.fieldName(), ip), Occur.SHOULD);
      }
    }
    return any.build();
  }

  /** One word → term query, several → phrase, none → nothing matches. */
  private Query wordsQuery(String field, String text) {
    List<String> tokens = analyze(field, text);
    if (tokens.isEmpty()) {
      return new MatchNoDocsQuery();
    }
    if (tokens.size() == 1) {
      return new TermQuery(new Term(field, tokens.get(0)));
    }
    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
    for (String token : tokens) {
      phrase.add(new Term(field, token));
    }
    return phrase.build();
  }

  private List<String> analyze(String field, String text) {
    List<String> tokens = new ArrayList<>();
    try (TokenStream stream = words.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tokens;
  }

  private static String escapeBackslashes(String pattern) {
    return pattern.replace("\\", "\\\\");
  }

  private static long bound(EventField field, String value) {
    return field.kind() == FieldKind.TIME ? time(field, value) : number(field, value);
  }

  private static long number(EventField field, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          field.fieldName() + " takes a whole number, not '" + value + "'");
    }
  }

  private static long time(EventField field, String value) {
    String v = value.trim();
    try {
      return Instant.parse(v).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e2) {
        throw new IllegalArgumentException(
            field.fieldName() + " takes a time, not '" + value + "'");
      }
    }
  }

  private static InetAddress ip(EventField field, String value) {
    InetAddress address = IpParsing.parse(value.trim());
    if (address == null) {
      throw new IllegalArgumentException(
          field.fieldName() + " takes an IP address, not '" + value + "'");
    }
    return address;
  }

  private static IllegalArgumentException notSearchable(EventField field) {
    return new IllegalArgumentException(
        field.fieldName() + " is kept for display and cannot be searched");
  }
}
