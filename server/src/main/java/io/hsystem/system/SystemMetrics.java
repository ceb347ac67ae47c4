package io.hsystem.system;

import io.hsystem.alerts.AlertService;
import io.hsystem.alerts.AlertStatus;
import io.hsystem.detection.DetectionEngine;
import io.hsystem.ingest.IngestService;
import io.hsystem.notifications.NotificationService;
import io.hsystem.shared.Severity;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * H-System's own figures at {@code /actuator/prometheus}: ingest rate and backlog, detection
 * throughput and time per batch, open alerts by severity, the notification queue. They read the
 * modules' counters at scrape time; nothing is counted twice.
 */
@Component
class SystemMetrics implements MeterBinder {

  private final IngestService ingest;
  private final DetectionEngine detection;
  private final AlertService alerts;
  private final NotificationService notifications;

  SystemMetrics(
      IngestService ingest,
      DetectionEngine detection,
      AlertService alerts,
      NotificationService notifications) {
    this.ingest = ingest;
    this.detection = detection;
    this.alerts = alerts;
    this.notifications = notifications;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("hsystem.ingest.events", ingest, i -> i.stats().accepted())
        .description("Events accepted (durably logged) since start")
        .register(registry);
    FunctionCounter.builder("hsystem.eventstore.indexed", ingest, i -> i.stats().indexed())
        .description("Events appended to the event store since start")
        .register(registry);
    Gauge.builder("hsystem.ingest.pending", ingest, i -> i.stats().pending())
        .description("Events logged but not yet in the event store")
        .register(registry);
    FunctionCounter.builder("hsystem.detection.events", detection, DetectionEngine::analysed)
        .description("Events examined by the detection engine since start")
        .register(registry);
    FunctionCounter.builder("hsystem.detection.findings", detection, DetectionEngine::findings)
        .description("Rule and indicator matches handed to the alert center")
        .register(registry);
    FunctionTimer.builder(
            "hsystem.detection.batch",
            detection,
            DetectionEngine::batches,
            DetectionEngine::analyseNanos,
            TimeUnit.NANOSECONDS)
        .description("Time to run every rule, correlation and indicator over a batch")
        .register(registry);
    Gauge.builder("hsystem.detection.queue", detection, DetectionEngine::queued)
        .description("Batches waiting for detection")
        .register(registry);
    for (Severity severity : Severity.values()) {
      Gauge.builder("hsystem.alerts.unhandled", alerts, a -> unhandled(a, severity))
          .tag("severity", severity.name().toLowerCase(java.util.Locale.ROOT))
          .description("Alerts not yet handled")
          .register(registry);
    }
    Gauge.builder("hsystem.notifications.queue", notifications, n -> n.queue().queued())
        .description("Alert notifications waiting to be delivered")
        .register(registry);
  }

  private static double unhandled(AlertService alerts, Severity severity) {
    Map<AlertStatus, Long> byStatus = alerts.summary(Instant.EPOCH).get(severity);
    return byStatus == null ? 0 : byStatus.getOrDefault(AlertStatus.UNHANDLED, 0L);
  }
}
