package io.hsystem.shared;

/** Helpers for user text in SQL (always bound as parameters, never concatenated). */
public final class SqlText {

  private SqlText() {}

  /** A LIKE/ILIKE pattern matching values that contain {@code text} literally. */
  public static String containsPattern(String text) {
    String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }
}
