package io.hsystem.ingest.internal.parse;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import tools.jackson.databind.JsonNode;

/** Typed reads of JSON values that reject wrong types with a reason naming the field. */
final class Values {

  private static final int QUOTE_LIMIT = 60;

  private Values() {}

  /** Rejects anything but a non-empty JSON object. */
  static void requireObject(JsonNode record) throws RecordRejected {
    if (record == null || !record.isObject()) {
      throw new RecordRejected("record: not a JSON object");
    }
    if (record.isEmpty()) {
      throw new RecordRejected("record: empty object");
    }
  }

  /** A new event with the fields every parser sets the same way. */
  static Event newEvent(SourceType source, String rawText) {
    return new Event().set(EventField.SOURCE_TYPE, source.value()).set(EventField.RAW, rawText);
  }

  /** True when the node holds no value: absent or JSON null. */
  static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull();
  }

  /**
   * A string value: strings as they are, numbers and booleans as their text, absent or null as
   * null; objects and arrays are rejected.
   */
  static String text(JsonNode node, String field) throws RecordRejected {
    if (absent(node)) {
      return null;
    }
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asString();
    }
    throw new RecordRejected(field + ": expected a string, got " + describe(node));
  }

  /**
   * A whole number: a JSON integer or a decimal string (blank is absent); {@code 0x} hexadecimal
   * strings too when {@code hexAllowed}, as Windows writes process ids.
   */
  static Long number(JsonNode node, String field, boolean hexAllowed) throws RecordRejected {
    if (absent(node)) {
      return null;
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new RecordRejected(field + ": number out of range: " + quote(node.asString()));
      }
      return node.longValue();
    }
    if (node.isNumber()) {
      throw new RecordRejected(field + ": not a whole number: " + node.asString());
    }
    if (!node.isString()) {
      throw new RecordRejected(field + ": expected a number, got " + describe(node));
    }
    return number(node.stringValue(), field, hexAllowed);
  }

  /** A whole number parsed from text; blank is absent. */
  static Long number(String value, String field, boolean hexAllowed) throws RecordRejected {
    String s = value.strip();
    if (s.isEmpty()) {
      return null;
    }
    try {
      if (hexAllowed && s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
        return Long.parseUnsignedLong(s.substring(2), 16);
      }
      if (isDecimal(s)) {
        return Long.parseLong(s);
      }
    } catch (NumberFormatException e) {
      throw new RecordRejected(field + ": number out of range: " + quote(s));
    }
    throw new RecordRejected(field + ": not a number: " + quote(s));
  }

  private static boolean isDecimal(String s) {
    int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    if (start == s.length()) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** The last segment of a Windows or POSIX path, or null. */
  static String lastSegment(String path) {
    if (path == null) {
      return null;
    }
    int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
    return path.substring(cut + 1);
  }

  /** True for a string shaped like an IPv4 or IPv6 literal (no further validation). */
  static boolean looksLikeIp(String s) {
    if (s == null || s.isEmpty() || s.length() > 45) {
      return false;
    }
    boolean colon = s.indexOf(':') >= 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || c == '.'
              || (colon && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!ok) {
        return false;
      }
    }
    return colon || s.chars().filter(c -> c == '.').count() == 3;
  }

  /** A value quoted for a reason: shortened, control characters replaced. */
  static String quote(String value) {
    StringBuilder sb = new StringBuilder(QUOTE_LIMIT + 3).append('\'');
    int n = Math.min(value.length(), QUOTE_LIMIT);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    if (value.length() > QUOTE_LIMIT) {
      sb.append('…');
    }
    return sb.append('\'').toString();
  }

  static String describe(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isNumber()) {
      return "a number";
    }
    return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
