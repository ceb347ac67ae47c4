package io.hsystem.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.alerts.Alert;
import io.hsystem.alerts.AlertChanged;
import io.hsystem.alerts.AlertStatus;
import io.hsystem.alerts.DetectionSource;
import io.hsystem.shared.Severity;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/** A full queue drops and counts alert changes; it never holds up the alert center. */
class QueueOverflowTest extends NotificationTestSupport {

  @Autowired ApplicationEventPublisher publisher;

  private static Alert alert(long id) {
    return new Alert(
        id,
        null,
        "x",
        Severity.HIGH,
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
        START,
        START,
        START,
        START);
  }

  @Test
  void aFullQueueDropsAndCountsWithoutBlockingThePublisher() throws Exception {
    long droppedBefore = notifications.queue().dropped();
    int capacity = notifications.queue().capacity();
    try (Connection lock = dataSource().getConnection()) {
      // the router's next read of the channels waits for this lock: routing stands still
      lock.setAutoCommit(false);
      lock.createStatement().execute("LOCK TABLE notification_channels IN ACCESS EXCLUSIVE MODE");
      publisher.publishEvent(new AlertChanged(AlertChanged.Kind.CREATED, List.of(alert(1))));
      await(
          "the router to wait for the lock",
          () ->
              jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE NOT granted", Long.class)
                  > 0);
      List<Alert> flood = new ArrayList<>();
      for (long id = 2; id <= capacity + 6; id++) {
        flood.add(alert(id));
      }

      long start = System.nanoTime();
      publisher.publishEvent(new AlertChanged(AlertChanged.Kind.REPEATED, flood));
      Duration publishing = Duration.ofNanos(System.nanoTime() - start);

      assertThat(publishing).isLessThan(Duration.ofSeconds(1));
      QueueStats stats = notifications.queue();
      assertThat(stats.queued()).isEqualTo(capacity + 1);
      assertThat(stats.dropped() - droppedBefore).isEqualTo(5);
      lock.rollback();
    }
    mvc.perform(getAs(admin, "/api/v1/notifications/channels/stats"))
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath(
                    "$.queue.dropped")
                .value(droppedBefore + 5));
  }
}
