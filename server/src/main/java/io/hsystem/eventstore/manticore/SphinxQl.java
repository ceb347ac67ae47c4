package io.hsystem.eventstore.manticore;

/** Builds SphinxQL text safely: the one place where values become SQL literals. */
final class SphinxQl {

  private SphinxQl() {}

  /**
   * A single-quoted SphinxQL string literal holding exactly {@code value}: backslash and quote are
   * the only characters the SphinxQL lexer treats specially inside quotes, so both are escaped. NUL
   * cannot be expressed (searchd's lexer stops at it) and is refused.
   *
   * @throws IllegalArgumentException when the value contains NUL
   */
  static String literal(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("SphinxQL literals cannot hold NUL");
    }
    StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        default -> sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }
}
