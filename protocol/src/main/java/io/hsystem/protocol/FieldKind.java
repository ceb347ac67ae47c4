package io.hsystem.protocol;

/** How a canonical field is typed, matched and indexed. */
public enum FieldKind {
  /** A whole value matched exactly, case-insensitively, with {@code *}/{@code ?} wildcards. */
  KEYWORD,
  /** A keyword that is also split into words, for word and phrase search (command lines). */
  TEXT,
  /** An IPv4 or IPv6 address: exact, CIDR and range matching. */
  IP,
  /** A whole number: exact and range matching. */
  NUMBER,
  /** An instant, stored to the millisecond: range matching and sorting. */
  TIME,
  /** Kept and returned, never searched (the verbatim {@code raw} record). */
  STORED
}
