package io.hsystem.detection.sigma;

/**
 * Case folding used on both sides of every case-insensitive comparison: one {@code char} at a time,
 * so that a pattern and a value always fold alike and no string is allocated while matching.
 */
final class Text {

  private static final char[] ASCII_LOWER = new char[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_LOWER[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
  }

  private Text() {}

  static char lower(char c) {
    return c < 128 ? ASCII_LOWER[c] : Character.toLowerCase(c);
  }

  static String lower(String s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = lower(s.charAt(i));
    }
    return new String(out);
  }

  static boolean same(char a, char b, boolean cased) {
    return a == b || (!cased && lower(a) == lower(b));
  }

  /** Whether {@code value} holds {@code literal} at {@code offset}. */
  static boolean regionMatches(CharSequence value, int offset, String literal, boolean cased) {
    if (offset < 0 || offset + literal.length() > value.length()) {
      return false;
    }
    for (int i = 0; i < literal.length(); i++) {
      if (!same(value.charAt(offset + i), literal.charAt(i), cased)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code value} holds {@code literal} anywhere. */
  static boolean contains(CharSequence value, String literal, boolean cased) {
    int last = value.length() - literal.length();
    for (int i = 0; i <= last; i++) {
      if (regionMatches(value, i, literal, cased)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code value} satisfies {@code literal} placed as {@code kind} says. */
  static boolean matches(CharSequence value, LiteralKind kind, String literal, boolean cased) {
    return switch (kind) {
      case EQUALS -> value.length() == literal.length() && regionMatches(value, 0, literal, cased);
      case STARTS_WITH -> regionMatches(value, 0, literal, cased);
      case ENDS_WITH -> regionMatches(value, value.length() - literal.length(), literal, cased);
      case CONTAINS -> contains(value, literal, cased);
    };
  }
}
