package io.hsystem.system;

import io.hsystem.alerts.AlertProperties;
import io.hsystem.audit.AuditProperties;
import io.hsystem.detection.DetectionEngine;
import io.hsystem.eventstore.EventStoreProperties;
import io.hsystem.ingest.IngestService;
import io.hsystem.notifications.NotificationService;
import io.hsystem.shared.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/** The server's state at a glance, for operators and the console's system page. */
@Service
public class SystemStatusService {

  private static final Duration RATE_WINDOW = Duration.ofSeconds(60);

  private final IngestService ingest;
  private final DetectionEngine detection;
  private final NotificationService notifications;
  private final JdbcTemplate jdbc;
  private final DataDirectory data;
  private final BackupService backups;
  private final EventStoreProperties eventStore;
  private final AlertProperties alerts;
  private final AuditProperties audit;
  private final Clock clock;
  private final String version;
  private final Instant startedAt;
  private final Deque<long[]> samples = new ArrayDeque<>();

  SystemStatusService(
      IngestService ingest,
      DetectionEngine detection,
      NotificationService notifications,
      JdbcTemplate jdbc,
      DataDirectory data,
      BackupService backups,
      EventStoreProperties eventStore,
      AlertProperties alerts,
      AuditProperties audit,
      Clock clock,
      ObjectProvider<BuildProperties> build) {
    this.ingest = ingest;
    this.detection = detection;
    this.notifications = notifications;
    this.jdbc = jdbc;
    this.data = data;
    this.backups = backups;
    this.eventStore = eventStore;
    this.alerts = alerts;
    this.audit = audit;
    this.clock = clock;
    BuildProperties info = build.getIfAvailable();
    this.version = "v" + (info == null ? "0.0.0-dev" : info.getVersion());
    this.startedAt = clock.instant();
    sample();
  }

  /** Remembers the accepted-events counter every few seconds, for the rate over a minute. */
  @Scheduled(fixedDelay = 5000)
  synchronized void sample() {
    long now = System.nanoTime();
    samples.addLast(new long[] {now, ingest.stats().accepted()});
    while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW.toNanos()) {
      samples.removeFirst();
    }
  }

  public SystemStatus status() {
    IngestService.Stats stats = ingest.stats();
    Instant now = clock.instant();
    Map<String, Long> disk = new LinkedHashMap<>();
    disk.put("database", databaseSize());
    disk.put("event_store", folderSize(data.root().resolve("events")));
    disk.put("ingest_log", folderSize(data.root().resolve("ingest")));
    disk.put("backups", folderSize(backups.folder()));
    Map<String, Long> queues = new LinkedHashMap<>();
    queues.put("ingest_pending", stats.pending());
    queues.put("detection", (long) detection.queued());
    queues.put("notifications", (long) notifications.queue().queued());
    Map<String, Integer> retention = new LinkedHashMap<>();
    retention.put("events", eventStore.retentionDays());
    retention.put("alerts", alerts.retentionDays());
    retention.put("audit", audit.retentionDays());
    return new SystemStatus(
        version,
        System.getProperty("java.version"),
        jdbc.queryForObject("SHOW server_version", String.class),
        jdbc
            .query(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                    + " ORDER BY installed_rank DESC LIMIT 1",
                (rs, i) -> rs.getString(1))
            .stream()
            .findFirst()
            .orElse(null),
        eventStore.backend(),
        startedAt,
        Math.max(0, Duration.between(startedAt, now).toSeconds()),
        rate(stats.accepted()),
        stats.accepted(),
        disk,
        queues,
        retention);
  }

  private synchronized double rate(long acceptedNow) {
    long[] oldest = samples.peekFirst();
    long elapsed = System.nanoTime() - oldest[0];
    if (elapsed < 1_000_000_000L) {
      return 0;
    }
    double perSecond = (acceptedNow - oldest[1]) * 1e9 / elapsed;
    return Math.round(perSecond * 10) / 10.0;
  }

  private Long databaseSize() {
    try {
      return jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class);
    } catch (RuntimeException e) {
      return null; // an external database may not let this user see its size
    }
  }

  private static long folderSize(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // a segment merged away while walking
                }
              })
          .sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
