package io.hsystem.eventstore;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes events past the retention period once a day (whole day partitions on Lucene). */
@Component
class EventRetentionJob {

  private static final Logger log = LoggerFactory.getLogger(EventRetentionJob.class);

  private final EventStore store;
  private final EventStoreProperties properties;
  private final Clock clock;

  EventRetentionJob(EventStore store, EventStoreProperties properties, Clock clock) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(cron = "${hsystem.eventstore.retention-cron:0 7 2 * * *}")
  void purge() {
    long deleted =
        store.deleteBefore(clock.instant().minus(Duration.ofDays(properties.retentionDays())));
    log.info("event retention ({} days) removed {} events", properties.retentionDays(), deleted);
  }
}
