package io.hsystem.intel.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the file hashes of a Sysmon {@code Hashes} value ({@code SHA1=…,MD5=…,SHA256=…,IMPHASH=…})
 * in a raw record, whether the record is JSON ({@code "Hashes":"…"}) or XML ({@code <Data
 * Name="Hashes">…</Data>}), without parsing the record. It runs for every event, so it reads the
 * characters in place and allocates only the hashes it returns.
 */
final class SysmonHashes {

  private static final String NAME = "Hashes";
  private static final int MAX_OCCURRENCES = 4;
  private static final int MAX_SEPARATOR = 8;
  private static final int MAX_VALUE = 512;

  private SysmonHashes() {}

  /**
   * MD5, SHA-1 and SHA-256 values named in {@code raw}, in lower case; IMPHASH is not a file hash.
   */
  static List<String> in(String raw) {
    List<String> found = null;
    int from = 0;
    for (int n = 0; n < MAX_OCCURRENCES; n++) {
      int at = raw.indexOf(NAME, from);
      if (at < 0) {
        break;
      }
      int i = skipSeparator(raw, at + NAME.length());
      int end = Math.min(raw.length(), i + MAX_VALUE);
      // ALGORITHM=HEX pairs separated by commas
      while (i < end) {
        int name = i;
        while (i < end && isNameChar(raw.charAt(i))) {
          i++;
        }
        if (i == end || raw.charAt(i) != '=') {
          break;
        }
        int length = hexLength(raw, name, i);
        int value = ++i;
        while (i < end && IocValues.hexDigit(raw.charAt(i))) {
          i++;
        }
        if (length > 0 && i - value == length) {
          if (found == null) {
            found = new ArrayList<>(3);
          }
          found.add(lowerCase(raw, value, i));
        }
        if (i == end || raw.charAt(i) != ',') {
          break;
        }
        i++;
      }
      from = i;
    }
    return found == null ? List.of() : found;
  }

  /** Skips what separates a name from its value: quotes, colon, equals, {@code >}, blanks. */
  private static int skipSeparator(String raw, int from) {
    int i = from;
    while (i < raw.length() && i - from < MAX_SEPARATOR) {
      char c = raw.charAt(i);
      if (c != '"' && c != '\'' && c != ':' && c != '=' && c != '>' && c != ' ') {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean isNameChar(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-';
  }

  /** Hex digits of the algorithm named in {@code raw[from, to)}; 0 for others (IMPHASH …). */
  private static int hexLength(String raw, int from, int to) {
    int n = to - from;
    if (n == 3 && raw.regionMatches(true, from, "MD5", 0, 3)) {
      return 32;
    }
    if (n == 4 && raw.regionMatches(true, from, "SHA1", 0, 4)
        || n == 5 && raw.regionMatches(true, from, "SHA-1", 0, 5)) {
      return 40;
    }
    if (n == 6 && raw.regionMatches(true, from, "SHA256", 0, 6)
        || n == 7 && raw.regionMatches(true, from, "SHA-256", 0, 7)) {
      return 64;
    }
    return 0;
  }

  private static String lowerCase(String raw, int from, int to) {
    char[] chars = new char[to - from];
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      chars[i - from] = c >= 'A' && c <= 'F' ? (char) (c + ('a' - 'A')) : c;
    }
    return new String(chars);
  }
}
