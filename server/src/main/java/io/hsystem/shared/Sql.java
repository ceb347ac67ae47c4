package io.hsystem.shared;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Small helpers for JDBC code: user text in LIKE patterns (always bound, never concatenated),
 * times.
 */
public final class Sql {

  private Sql() {}

  /** A LIKE/ILIKE pattern matching values that contain {@code text} literally. */
  public static String containsPattern(String text) {
    String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }

  /** A nullable timestamp column as an instant. */
  public static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
