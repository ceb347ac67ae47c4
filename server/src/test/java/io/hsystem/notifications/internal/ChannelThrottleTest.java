package io.hsystem.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hsystem.alerts.Alert;
import io.hsystem.alerts.AlertChanged;
import io.hsystem.alerts.AlertStatus;
import io.hsystem.alerts.DetectionSource;
import io.hsystem.notifications.ChannelFilter;
import io.hsystem.notifications.ChannelType;
import io.hsystem.notifications.RateLimit;
import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChannelThrottleTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  static Notice.AlertNotice notice(long id, Severity severity) {
    Instant t = Instant.parse("2025-08-27T06:00:00Z");
    Alert alert =
        new Alert(
            id,
            null,
            "x",
            severity,
            "alert " + id,
            DetectionSource.RULE,
            "r",
            "R",
            null,
            List.of(),
            List.of(),
            null,
            null,
            null,
            AlertStatus.UNHANDLED,
            null,
            null,
            1,
            t,
            t,
            t,
            t);
    return new Notice.AlertNotice(AlertChanged.Kind.CREATED, alert);
  }

  private static ChannelThrottle throttle(int perMinute, int burst) {
    ChannelConfig config =
        new ChannelConfig(
            1,
            "c",
            ChannelType.WEBHOOK,
            new ChannelFilter(
                Severity.INFO, Set.of(AlertChanged.Kind.CREATED), List.of(), List.of()),
            new RateLimit(perMinute, burst),
            null,
            null);
    return new ChannelThrottle(config, 0);
  }

  @Test
  void theBurstPassesThenAlertsAreHeldUntilTheNextTokenAndLeaveAsOneDigest() {
    ChannelThrottle throttle = throttle(60, 3);
    for (int i = 1; i <= 3; i++) {
      assertThat(throttle.admit(notice(i, Severity.LOW), 0))
          .isEqualTo(ChannelThrottle.Admission.SEND);
    }
    assertThat(throttle.admit(notice(4, Severity.LOW), 0))
        .isEqualTo(ChannelThrottle.Admission.HOLD_FIRST);
    assertThat(throttle.admit(notice(5, Severity.CRITICAL), 0))
        .isEqualTo(ChannelThrottle.Admission.HOLD);
    assertThat(throttle.nanosUntilToken(0)).isCloseTo(SECOND, within(10L));
    assertThat(throttle.release(SECOND / 2)).isNull();

    ChannelThrottle.Release release = throttle.release(SECOND + 1000);

    assertThat(release.count()).isEqualTo(2);
    Notice.DigestNotice digest = (Notice.DigestNotice) release.notice();
    assertThat(digest.count()).isEqualTo(2);
    assertThat(digest.highest()).isEqualTo(Severity.CRITICAL);
    assertThat(digest.samples()).extracting(Alert::id).containsExactly(4L, 5L);
  }

  @Test
  void whileAlertsAreHeldLaterOnesWaitBehindThemEvenWithATokenFree() {
    ChannelThrottle throttle = throttle(60, 1);
    throttle.admit(notice(1, Severity.LOW), 0);
    throttle.admit(notice(2, Severity.LOW), 0);
    assertThat(throttle.admit(notice(3, Severity.LOW), 5 * SECOND))
        .isEqualTo(ChannelThrottle.Admission.HOLD);
  }

  @Test
  void aSingleHeldAlertLeavesAsItself() {
    ChannelThrottle throttle = throttle(6, 1);
    throttle.admit(notice(1, Severity.LOW), 0);
    Notice.AlertNotice held = notice(2, Severity.HIGH);
    throttle.admit(held, 0);
    assertThat(throttle.nanosUntilToken(0)).isCloseTo(10 * SECOND, within(10L));

    ChannelThrottle.Release release = throttle.release(10 * SECOND + 1000);

    assertThat(release.notice()).isSameAs(held);
    assertThat(throttle.admit(notice(3, Severity.LOW), 10 * SECOND + 1000))
        .isEqualTo(ChannelThrottle.Admission.HOLD_FIRST);
  }

  @Test
  void tokensRefillUpToTheBurstOnly() {
    ChannelThrottle throttle = throttle(60, 2);
    long later = 3600 * SECOND;
    assertThat(throttle.admit(notice(1, Severity.LOW), later))
        .isEqualTo(ChannelThrottle.Admission.SEND);
    assertThat(throttle.admit(notice(2, Severity.LOW), later))
        .isEqualTo(ChannelThrottle.Admission.SEND);
    assertThat(throttle.admit(notice(3, Severity.LOW), later))
        .isEqualTo(ChannelThrottle.Admission.HOLD_FIRST);
  }
}
