package io.hsystem.ingest.internal.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads event times into UTC instants: ISO-8601 and {@code YYYY-MM-DD HH:MM:SS} forms with or
 * without fractional seconds ({@code Z}, {@code ±HH:MM}, {@code ±HHMM}, {@code ±HH}; no offset
 * means UTC) and epoch numbers (seconds, or milliseconds from 10^11 up).
 */
final class Timestamps {

  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,30}))?)?"
              + " ?(Z|z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?");

  /** Epoch values at or above this are milliseconds: as seconds they would be after year 5000. */
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  private Timestamps() {}

  /** The instant in a JSON value; absent or unreadable values are rejected. */
  static Instant required(JsonNode node, String field) throws RecordRejected {
    if (Values.absent(node)) {
      throw new RecordRejected(field + ": missing");
    }
    if (node.isNumber()) {
      return epoch(node.decimalValue(), field, node.asString());
    }
    if (!node.isString()) {
      throw new RecordRejected(field + ": expected a timestamp, got " + Values.describe(node));
    }
    return parse(node.stringValue(), field);
  }

  /** The instant in a text value; blank or unreadable values are rejected. */
  static Instant parse(String value, String field) throws RecordRejected {
    String s = value.strip();
    if (s.isEmpty()) {
      throw new RecordRejected(field + ": missing");
    }
    if (isEpoch(s)) {
      return epoch(new BigDecimal(s), field, s);
    }
    Matcher m = DATE_TIME.matcher(s);
    if (!m.matches()) {
      throw new RecordRejected(field + ": not a timestamp: " + Values.quote(s));
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
              nanos(m.group(7)));
      return local.toInstant(offset(m.group(8)));
    } catch (DateTimeException e) {
      throw new RecordRejected(field + ": not a valid date or time: " + Values.quote(s));
    }
  }

  private static boolean isEpoch(String s) {
    if (s.length() > 24) {
      return false;
    }
    int digits = 0;
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && i > 0) {
        dots++;
      } else {
        return false;
      }
    }
    return digits > 0 && dots <= 1 && s.charAt(s.length() - 1) != '.';
  }

  private static Instant epoch(BigDecimal value, String field, String text) throws RecordRejected {
    try {
      BigDecimal millis =
          value.abs().compareTo(BigDecimal.valueOf(MILLIS_THRESHOLD)) >= 0
              ? value
              : value.movePointRight(3);
      return Instant.ofEpochMilli(millis.setScale(0, RoundingMode.FLOOR).longValueExact());
    } catch (ArithmeticException | DateTimeException e) {
      throw new RecordRejected(field + ": epoch out of range: " + Values.quote(text));
    }
  }

  private static int nanos(String fraction) {
    if (fraction == null) {
      return 0;
    }
    String nine = fraction.length() > 9 ? fraction.substring(0, 9) : fraction;
    return Integer.parseInt(nine) * (int) Math.pow(10, 9 - nine.length());
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null || zone.equalsIgnoreCase("Z") || zone.equals("UTC") || zone.equals("GMT")) {
      return ZoneOffset.UTC;
    }
    String digits = zone.replace(":", "");
    int hours = Integer.parseInt(digits.substring(1, 3));
    int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3, 5)) : 0;
    int sign = digits.charAt(0) == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }
}
