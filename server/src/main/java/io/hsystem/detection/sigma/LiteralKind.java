package io.hsystem.detection.sigma;

/** Where a literal must occur in a field value. */
enum LiteralKind {
  /** The whole value. */
  EQUALS,
  /** At the start. */
  STARTS_WITH,
  /** At the end. */
  ENDS_WITH,
  /** Anywhere. */
  CONTAINS
}
