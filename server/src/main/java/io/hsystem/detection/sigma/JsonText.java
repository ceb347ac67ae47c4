package io.hsystem.detection.sigma;

/**
 * The text of an original record as keyword search and the raw prefilter see it: a JSON record with
 * its string escapes decoded ({@code C:\\Windows} reads {@code C:\Windows}, {@code \u0041} reads
 * {@code A}), so that a value found in any field of the record is found in this text too.
 * Structural characters stay as they are. Anything that is not a JSON object is taken verbatim.
 */
final class JsonText {

  private JsonText() {}

  /** Whether the text starts, after blanks, with {@code {}. */
  static boolean looksLikeObject(CharSequence raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '{';
      }
    }
    return false;
  }

  /** Writes the searchable text of {@code raw} into {@code out} (cleared first). */
  static void decodeInto(CharSequence raw, StringBuilder out) {
    out.setLength(0);
    if (!looksLikeObject(raw)) {
      out.append(raw);
      return;
    }
    int n = raw.length();
    boolean inString = false;
    for (int i = 0; i < n; i++) {
      char c = raw.charAt(i);
      if (inString && c == '\\' && i + 1 < n) {
        char e = raw.charAt(++i);
        switch (e) {
          case 'n' -> c = '\n';
          case 't' -> c = '\t';
          case 'r' -> c = '\r';
          case 'b' -> c = '\b';
          case 'f' -> c = '\f';
          case 'u' -> {
            int code = i + 4 < n ? hex4(raw, i + 1) : -1;
            if (code >= 0) {
              c = (char) code;
              i += 4;
            } else {
              c = e;
            }
          }
          default -> c = e; // \" \\ \/ and anything lenient writers emit
        }
      } else if (c == '"') {
        inString = !inString;
      }
      out.append(c);
    }
  }

  private static int hex4(CharSequence s, int from) {
    int v = 0;
    for (int i = from; i < from + 4; i++) {
      int d = Character.digit(s.charAt(i), 16);
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
