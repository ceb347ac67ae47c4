package io.hsystem.intel.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the file hashes of a Sysmon {@code Hashes} value ({@code SHA1=…,MD5=…,SHA256=…,IMPHASH=…})
 * in a raw record, whether the record is JSON ({@code "Hashes":"…"}) or XML ({@code <Data
 * Name="Hashes">…</Data>}), without parsing the record.
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
      from = at + NAME.length();
      int start = skipSeparator(raw, from);
      int end = start;
      while (end < raw.length() && end - start < MAX_VALUE && isValueChar(raw.charAt(end))) {
        end++;
      }
      for (String part : raw.substring(start, end).split(",")) {
        String hash = hash(part.strip());
        if (hash != null) {
          if (found == null) {
            found = new ArrayList<>(3);
          }
          found.add(hash);
        }
      }
      from = end;
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

  private static boolean isValueChar(char c) {
    return c >= '0' && c <= '9'
        || c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c == '='
        || c == ','
        || c == '-'
        || c == ' ';
  }

  private static String hash(String part) {
    int eq = part.indexOf('=');
    if (eq < 0) {
      return null;
    }
    String algorithm = part.substring(0, eq).replace("-", "");
    String value = part.substring(eq + 1);
    int length =
        algorithm.equalsIgnoreCase("SHA256")
            ? 64
            : algorithm.equalsIgnoreCase("SHA1") ? 40 : algorithm.equalsIgnoreCase("MD5") ? 32 : 0;
    if (length == 0 || value.length() != length || !IocValues.isHex(value)) {
      return null;
    }
    return IocValues.hashKey(value);
  }
}
