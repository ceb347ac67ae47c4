package io.hsystem.eventstore.manticore;

/** Builds SphinxQL text safely: the one place where values become SQL literals. */
final class SphinxQl {

  private SphinxQl() {}

  /**
   * A single-quoted SphinxQL string literal holding exactly {@code value}: backslash and quote are
   * the only characters the SphinxQL lexer treats specially inside quotes, so both are escaped.
   */
  static String literal(String value) {
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
