package io.hsystem.notifications.internal;

import io.hsystem.alerts.Alert;
import io.hsystem.shared.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * One channel's rate limit: a token bucket of {@code burst} tokens refilled at {@code perMinute},
 * on the monotonic clock. While alerts are held, later ones are held too, so that the digest goes
 * out first and in order when the next token comes.
 */
final class ChannelThrottle {

  /** What to do with an alert. */
  enum Admission {
    SEND,
    /** Held, and the first one: the caller schedules the release. */
    HOLD_FIRST,
    HOLD
  }

  /** Held alerts let go: one notice for {@code count} alerts. */
  record Release(Notice notice, int count) {}

  private static final int DIGEST_SAMPLES = 20;

  private final ChannelConfig config;
  private final double capacity;
  private final double tokensPerNano;
  private double tokens;
  private long refilledAt;
  private final List<Alert> held = new ArrayList<>();
  private Notice.AlertNotice firstHeld;
  private int heldCount;
  private Severity highest;

  ChannelThrottle(ChannelConfig config, long nanoTime) {
    this.config = config;
    this.capacity = config.rateLimit().burst();
    this.tokensPerNano = config.rateLimit().perMinute() / 60e9;
    this.tokens = capacity;
    this.refilledAt = nanoTime;
  }

  ChannelConfig config() {
    return config;
  }

  synchronized Admission admit(Notice.AlertNotice notice, long nanoTime) {
    if (heldCount == 0 && take(nanoTime)) {
      return Admission.SEND;
    }
    if (heldCount == 0) {
      firstHeld = notice;
      highest = notice.alert().severity();
    } else if (notice.alert().severity().compareTo(highest) > 0) {
      highest = notice.alert().severity();
    }
    if (held.size() < DIGEST_SAMPLES) {
      held.add(notice.alert());
    }
    heldCount++;
    return heldCount == 1 ? Admission.HOLD_FIRST : Admission.HOLD;
  }

  /**
   * The held alerts as one notice once a token is free (a single held alert goes out as itself), or
   * null while none is.
   */
  synchronized Release release(long nanoTime) {
    if (!take(nanoTime)) {
      return null;
    }
    Notice notice = heldCount == 1 ? firstHeld : new Notice.DigestNotice(heldCount, highest, held);
    Release release = new Release(notice, heldCount);
    held.clear();
    firstHeld = null;
    heldCount = 0;
    highest = null;
    return release;
  }

  /** Nanoseconds until the next token. */
  synchronized long nanosUntilToken(long nanoTime) {
    refill(nanoTime);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / tokensPerNano);
  }

  private boolean take(long nanoTime) {
    refill(nanoTime);
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }

  private void refill(long nanoTime) {
    tokens = Math.min(capacity, tokens + (nanoTime - refilledAt) * tokensPerNano);
    refilledAt = nanoTime;
  }
}
