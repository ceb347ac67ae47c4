package io.hsystem.alerts;

import java.util.Set;

/** Where an alert is in its handling. */
public enum AlertStatus {
  UNHANDLED,
  HANDLING,
  HANDLED,
  /** A false positive or accepted risk. */
  IGNORED;

  /** The statuses this one may move to; handled and ignored alerts can only be reopened. */
  public Set<AlertStatus> next() {
    return switch (this) {
      case UNHANDLED -> Set.of(HANDLING, HANDLED, IGNORED);
      case HANDLING -> Set.of(UNHANDLED, HANDLED, IGNORED);
      case HANDLED, IGNORED -> Set.of(UNHANDLED);
    };
  }

  /** Open alerts take repeats of their detection. */
  public boolean isOpen() {
    return this == UNHANDLED || this == HANDLING;
  }
}
