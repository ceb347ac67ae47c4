package io.hsystem.shared;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The API's one time format: {@code YYYY-MM-DD HH:MM:SS} in UTC (spec §4), for responses and for
 * time filters in requests (ISO-8601 instants are accepted too).
 */
public final class Timestamps {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }

  /** Parses a request parameter, naming {@code field} in the 400 when it is not a time. */
  public static Instant parse(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return FORMAT.parse(value.trim(), Instant::from);
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(value.trim());
      } catch (DateTimeParseException e2) {
        throw ApiException.badField(field, "must be a time like 2025-08-27 14:25:03 (UTC)");
      }
    }
  }
}
