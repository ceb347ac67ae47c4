package io.hsystem.detection.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value: literal characters and the wildcards {@code *} (any run) and {@code ?} (one
 * character), immutable.
 *
 * <p>Escapes follow the Sigma specification (and pySigma): a backslash followed by {@code *},
 * {@code ?} or a backslash yields that character literally; a backslash before any other character
 * stays a backslash, so {@code C:\Windows\} needs no doubling. A trailing lone backslash is kept.
 */
final class SigmaString {

  static final char STAR = '*';
  static final char QUESTION = '?';

  /** The characters; wildcard positions are flagged in {@link #wildcard}. */
  private final String chars;

  private final boolean[] wildcard;

  private SigmaString(String chars, boolean[] wildcard) {
    this.chars = chars;
    this.wildcard = wildcard;
  }

  /** Parses a rule value, interpreting wildcards and escapes. */
  static SigmaString parse(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    List<Integer> wild = new ArrayList<>();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(i + 1);
        if (next == STAR || next == QUESTION || next == '\\') {
          sb.append(next);
          i++;
          continue;
        }
        sb.append(c);
      } else if (c == STAR || c == QUESTION) {
        wild.add(sb.length());
        sb.append(c);
      } else {
        sb.append(c);
      }
    }
    boolean[] flags = new boolean[sb.length()];
    for (int position : wild) {
      flags[position] = true;
    }
    return new SigmaString(sb.toString(), flags);
  }

  /** A value taken literally, without wildcards (numbers, encoded forms). */
  static SigmaString literal(String text) {
    return new SigmaString(text, new boolean[text.length()]);
  }

  int length() {
    return chars.length();
  }

  char charAt(int i) {
    return chars.charAt(i);
  }

  boolean isWildcard(int i) {
    return wildcard[i];
  }

  boolean hasWildcards() {
    for (boolean w : wildcard) {
      if (w) {
        return true;
      }
    }
    return false;
  }

  /** The characters with wildcards as their plain {@code *}/{@code ?}: only for literal values. */
  String plain() {
    return chars;
  }

  boolean startsWithStar() {
    return !chars.isEmpty() && wildcard[0] && chars.charAt(0) == STAR;
  }

  boolean endsWithStar() {
    int last = chars.length() - 1;
    return last >= 0 && wildcard[last] && chars.charAt(last) == STAR;
  }

  /** This value with a {@code *} before it, unless it already starts with one. */
  SigmaString withLeadingStar() {
    return startsWithStar() ? this : concat(star(), this);
  }

  /** This value with a {@code *} after it, unless it already ends with one. */
  SigmaString withTrailingStar() {
    return endsWithStar() ? this : concat(this, star());
  }

  /** Replaces the literal character at {@code index}. */
  SigmaString withCharAt(int index, char c) {
    StringBuilder sb = new StringBuilder(chars);
    sb.setCharAt(index, c);
    return new SigmaString(sb.toString(), wildcard.clone());
  }

  private static SigmaString star() {
    return new SigmaString("*", new boolean[] {true});
  }

  private static SigmaString concat(SigmaString a, SigmaString b) {
    boolean[] flags = new boolean[a.length() + b.length()];
    System.arraycopy(a.wildcard, 0, flags, 0, a.length());
    System.arraycopy(b.wildcard, 0, flags, a.length(), b.length());
    return new SigmaString(a.chars + b.chars, flags);
  }

  /**
   * The runs of literal characters between wildcards, in order, empty runs left out. A value that
   * matches this pattern contains every one of them.
   */
  List<String> literalRuns() {
    List<String> runs = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= chars.length(); i++) {
      if (i == chars.length() || wildcard[i]) {
        if (i > start) {
          runs.add(chars.substring(start, i));
        }
        start = i + 1;
      }
    }
    return runs;
  }

  /**
   * The shape of this pattern when it is one literal with at most a {@code *} on either side, the
   * shapes a substring automaton answers directly; null for any other pattern.
   */
  LiteralShape literalShape() {
    int from = startsWithStar() ? 1 : 0;
    int to = endsWithStar() ? chars.length() - 1 : chars.length();
    if (to < from) {
      return null; // "*" alone
    }
    for (int i = from; i < to; i++) {
      if (wildcard[i]) {
        return null;
      }
    }
    String literal = chars.substring(from, to);
    boolean leading = from == 1;
    boolean trailing = to < chars.length();
    LiteralKind kind =
        leading && trailing
            ? LiteralKind.CONTAINS
            : leading
                ? LiteralKind.ENDS_WITH
                : trailing ? LiteralKind.STARTS_WITH : LiteralKind.EQUALS;
    return new LiteralShape(kind, literal);
  }

  /** True when the pattern is only {@code *} wildcards: it matches any value. */
  boolean matchesAnything() {
    for (int i = 0; i < chars.length(); i++) {
      if (!wildcard[i] || chars.charAt(i) != STAR) {
        return false;
      }
    }
    return !chars.isEmpty();
  }

  /**
   * Wildcard match of the whole value, in O(value × pattern) at worst (no backtracking blow-up).
   *
   * @param cased compare characters exactly; otherwise both sides are lower-cased per character
   */
  boolean matches(CharSequence value, boolean cased) {
    int n = value.length();
    int m = chars.length();
    int v = 0;
    int p = 0;
    int starP = -1;
    int starV = 0;
    while (v < n) {
      if (p < m && wildcard[p] && chars.charAt(p) == STAR) {
        starP = p++;
        starV = v;
      } else if (p < m
          && ((wildcard[p] && chars.charAt(p) == QUESTION)
              || Text.same(chars.charAt(p), value.charAt(v), cased))) {
        p++;
        v++;
      } else if (starP >= 0) {
        p = starP + 1;
        v = ++starV;
      } else {
        return false;
      }
    }
    while (p < m && wildcard[p] && chars.charAt(p) == STAR) {
      p++;
    }
    return p == m;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (!wildcard[i] && (c == STAR || c == QUESTION || c == '\\')) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** A literal with its position constraint. */
  record LiteralShape(LiteralKind kind, String literal) {}
}
