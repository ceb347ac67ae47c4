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
  static void decodeInto(String raw, StringBuilder out) {
    out.setLength(0);
    if (!looksLikeObject(raw)) {
      out.append(raw);
      return;
    }
    // JSON has backslashes only as escapes inside strings: copy the runs between them whole
    int n = raw.length();
    int copied = 0;
    for (int i = raw.indexOf('\\'); i >= 0 && i + 1 < n; i = raw.indexOf('\\', copied)) {
      out.append(raw, copied, i);
      char e = raw.charAt(i + 1);
      int consumed = 2;
      char c;
      switch (e) {
        case 'n' -> c = '\n';
        case 't' -> c = '\t';
        case 'r' -> c = '\r';
        case 'b' -> c = '\b';
        case 'f' -> c = '\f';
        case 'u' -> {
          int code = i + 5 < n ? hex4(raw, i + 2) : -1;
          c = code >= 0 ? (char) code : 'u';
          consumed = code >= 0 ? 6 : 2;
        }
        default -> c = e; // \" \\ \/ and whatever lenient writers emit
      }
      out.append(c);
      copied = i + consumed;
    }
    out.append(raw, Math.min(copied, n), n);
  }

  private static int hex4(String s, int from) {
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
