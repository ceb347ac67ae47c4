package io.hsystem.alerts;

import java.util.List;

/**
 * Published after alerts were created or changed and the change is committed; the live push
 * forwards it to subscribed consoles.
 */
public record AlertChanged(Kind kind, List<Alert> alerts) {

  public AlertChanged {
    alerts = List.copyOf(alerts);
  }

  /** What happened to the alerts. */
  public enum Kind {
    /** New alerts. */
    CREATED,
    /** Repeats joined open alerts (count, last seen). */
    REPEATED,
    /** A user changed status, assignee or remark. */
    HANDLED
  }
}
