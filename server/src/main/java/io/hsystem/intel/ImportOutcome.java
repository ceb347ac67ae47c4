package io.hsystem.intel;

/** What an import did with one record (or one indicator of a record). */
public enum ImportOutcome {
  /** A new indicator was stored. */
  ACCEPTED,
  /** The source already had this indicator; its fields were replaced. */
  UPDATED,
  /** Deliberately not imported (e.g. MISP {@code to_ids: false}, a revoked STIX indicator). */
  SKIPPED,
  /** Invalid or unsupported; nothing of the record was stored. */
  REJECTED
}
