package io.hsystem.alerts;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes alerts created before the retention period once a day (0 days keeps them all). */
@Component
class AlertRetentionJob {

  private static final Logger log = LoggerFactory.getLogger(AlertRetentionJob.class);

  private final AlertService alerts;
  private final AlertProperties properties;
  private final Clock clock;

  AlertRetentionJob(AlertService alerts, AlertProperties properties, Clock clock) {
    this.alerts = alerts;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(cron = "${hsystem.alerts.retention-cron:0 17 2 * * *}")
  int purge() {
    if (properties.retentionDays() <= 0) {
      return 0;
    }
    int deleted =
        alerts.deleteCreatedBefore(
            clock.instant().minus(Duration.ofDays(properties.retentionDays())));
    log.info("alert retention ({} days) removed {} alerts", properties.retentionDays(), deleted);
    return deleted;
  }
}
