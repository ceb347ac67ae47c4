package io.hsystem.audit;

/** How an audited action ended. */
public enum AuditOutcome {
  /** The action took effect. */
  SUCCESS,
  /** The action was attempted and failed (bad input, conflict, wrong password…). */
  FAILURE,
  /** The caller lacked the permission. */
  DENIED
}
