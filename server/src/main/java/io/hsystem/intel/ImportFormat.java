package io.hsystem.intel;

/** Formats {@link IntelService#importIocs} reads. */
public enum ImportFormat {
  /** One value per line, {@code #} comments, type detected from the value. */
  LIST,
  /** Header {@code value,type,confidence,tags,expires_at,description,severity} in any order. */
  CSV,
  /** A STIX 2.1 bundle; its {@code indicator} objects with simple STIX patterns. */
  STIX,
  /** A MISP event ({@code {"Event": {...}}}): its attributes and its objects' attributes. */
  MISP
}
