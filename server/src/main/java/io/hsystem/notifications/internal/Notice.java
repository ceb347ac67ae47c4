package io.hsystem.notifications.internal;

import io.hsystem.alerts.Alert;
import io.hsystem.alerts.AlertChanged;
import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.List;

/** What one message tells: an alert change, a digest of rate-limited alerts, or a test. */
public sealed interface Notice {

  /** One alert that was created, repeated or handled. */
  record AlertNotice(AlertChanged.Kind kind, Alert alert) implements Notice {}

  /**
   * Alerts a rate limit held back, sent as one message.
   *
   * @param count how many alerts were held
   * @param highest the highest severity among them
   * @param samples the first few of them
   */
  record DigestNotice(int count, Severity highest, List<Alert> samples) implements Notice {

    public DigestNotice {
      samples = List.copyOf(samples);
    }
  }

  /** The test button's message. */
  record TestNotice(String channelName, String requestedBy, Instant at) implements Notice {}
}
