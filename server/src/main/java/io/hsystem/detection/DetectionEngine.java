package io.hsystem.detection;

import io.hsystem.alerts.AlertService;
import io.hsystem.alerts.Detection;
import io.hsystem.alerts.DetectionSource;
import io.hsystem.detection.internal.Catalog;
import io.hsystem.detection.internal.CorrelationEngine;
import io.hsystem.detection.sigma.CorrelationRule;
import io.hsystem.detection.sigma.SigmaRule;
import io.hsystem.detection.sigma.SigmaRuleSet;
import io.hsystem.ingest.IngestListener;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns indexed events into findings, on its own thread: the enabled Sigma rules (compiled, shared
 * literal matching), the correlations over their matches in sliding windows, and threat
 * intelligence hits; findings go to the alert center in one batch per event batch, and honeypot
 * attackers' addresses to the indicator store. When detection falls behind, {@link #indexed}
 * blocks, which slows ingest down rather than dropping events unexamined.
 */
@Service
public class DetectionEngine implements IngestListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DetectionEngine.class);
  static final int QUEUED_BATCHES = 8;

  private final RuleService rules;
  private final AlertService alerts;
  private final IntelBridge intel;
  private final BlockingQueue<List<Event>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
  private final Thread worker;
  private final AtomicLong analysed = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final java.util.concurrent.atomic.LongAdder analyseNanos =
      new java.util.concurrent.atomic.LongAdder();
  private final AtomicLong findings = new AtomicLong();
  private final AtomicLong idle = new AtomicLong();
  private volatile boolean running = true;
  private Catalog seen;
  private SigmaRuleSet.Matcher matcher;
  private CorrelationEngine correlations;

  DetectionEngine(RuleService rules, AlertService alerts, IntelBridge intel) {
    this.rules = rules;
    this.alerts = alerts;
    this.intel = intel;
    this.worker = new Thread(this::run, "detection");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void indexed(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    try {
      queue.put(events);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Events examined since start (their findings handed on). */
  public long analysed() {
    return analysed.get();
  }

  /** Findings handed to the alert center since start (before grouping and suppression). */
  public long findings() {
    return findings.get();
  }

  /** Batches examined since start. */
  public long batches() {
    return batches.get();
  }

  /** Time spent examining batches since start (all rules, correlation and indicators). */
  public long analyseNanos() {
    return analyseNanos.sum();
  }

  /** Batches waiting for detection. */
  public int queued() {
    return queue.size();
  }

  /** Waits until every batch handed in so far has been examined (for tests and shutdown). */
  public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (queue.isEmpty() && idle.get() == 1) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  private void run() {
    while (running || !queue.isEmpty()) {
      List<Event> batch;
      try {
        idle.set(queue.isEmpty() ? 1 : 0);
        batch = queue.poll(100, TimeUnit.MILLISECONDS);
        if (batch == null) {
          continue;
        }
        idle.set(0);
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
        continue;
      }
      long started = System.nanoTime();
      try {
        analyse(batch);
      } catch (RuntimeException e) {
        // the events are stored and searchable; losing their detections is logged loudly
        log.error("detection failed for a batch of {} events", batch.size(), e);
      } finally {
        analyseNanos.add(System.nanoTime() - started);
        batches.incrementAndGet();
        if (queue.isEmpty()) {
          idle.set(1);
        }
      }
    }
  }

  private void analyse(List<Event> batch) {
    Catalog catalog = rules.catalog();
    if (catalog != seen) {
      // new rules: a new matcher; correlation windows restart (documented in ADR 009)
      seen = catalog;
      matcher = catalog.active().newMatcher();
      correlations = new CorrelationEngine(catalog.correlations());
    }
    List<Detection> found = new ArrayList<>();
    Map<String, Instant> attackers = new LinkedHashMap<>();
    for (Event event : batch) {
      for (SigmaRule rule : matcher.matches(event)) {
        if (!catalog.silent(rule)) {
          found.add(ruleDetection(rule, event));
        }
        if (correlations.refersTo(rule.id(), rule.name())) {
          for (CorrelationEngine.Fired fired :
              correlations.observe(rule.id(), rule.name(), event)) {
            found.add(correlationDetection(catalog, fired));
          }
        }
      }
      found.addAll(intel.detections(event));
      if ("honeypot".equals(event.getString(EventField.EVENT_CATEGORY))) {
        String src = event.getString(EventField.SRC_IP);
        if (src != null) {
          attackers.merge(
              src, event.getTime(EventField.EVENT_TIME), (a, b) -> a.isAfter(b) ? a : b);
        }
      }
    }
    if (!found.isEmpty()) {
      findings.addAndGet(found.size());
      alerts.raise(found);
    }
    if (!attackers.isEmpty()) {
      intel.recordHoneypotAttackers(attackers);
    }
    analysed.addAndGet(batch.size());
  }

  static Detection ruleDetection(SigmaRule rule, Event event) {
    return new Detection(
        DetectionSource.RULE,
        rule.id(),
        rule.title(),
        rule.author(),
        alertType(rule.name(), rule.title()),
        rule.level() == null ? Severity.MEDIUM : rule.level(),
        title(rule.title(), event),
        rule.tactics(),
        rule.techniques(),
        event.getLong(EventField.ASSET_ID),
        event.getString(EventField.HOST_NAME),
        event.getString(EventField.SRC_IP),
        event.getString(EventField.DST_IP),
        event.getTime(EventField.EVENT_TIME),
        List.of(event),
        Map.of(),
        Map.of());
  }

  private static Detection correlationDetection(Catalog catalog, CorrelationEngine.Fired fired) {
    CorrelationRule rule = fired.rule();
    Event last = fired.events().get(fired.events().size() - 1);
    Rule info = catalog.rule(rule.id());
    Severity level = rule.level() != null ? rule.level() : Severity.HIGH;
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("correlation", rule.type().name().toLowerCase(java.util.Locale.ROOT));
    context.put("group", fired.group());
    context.put("timespan", rule.timespan().toString());
    context.put("rules", rule.rules());
    return new Detection(
        DetectionSource.CORRELATION,
        rule.id(),
        rule.title(),
        rule.author(),
        alertType(rule.name(), rule.title()),
        level,
        title(rule.title(), last),
        info == null ? List.of() : info.tactics(),
        info == null ? List.of() : info.techniques(),
        last.getLong(EventField.ASSET_ID),
        last.getString(EventField.HOST_NAME),
        last.getString(EventField.SRC_IP),
        last.getString(EventField.DST_IP),
        fired.time(),
        fired.events(),
        context,
        fired.group());
  }

  /** The rule's Sigma 2 name, else its title in snake case. */
  static String alertType(String name, String title) {
    String base = name != null ? name : title;
    String type =
        base.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_+|_+$", "");
    type = type.startsWith("hs_") ? type.substring(3) : type;
    return type.length() > 128 ? type.substring(0, 128) : type;
  }

  /** The rule's title with where it happened: "… from 1.2.3.4" or "… on WS-01". */
  private static String title(String ruleTitle, Event event) {
    String src = event.getString(EventField.SRC_IP);
    String host = event.getString(EventField.HOST_NAME);
    if ("honeypot".equals(event.getString(EventField.EVENT_CATEGORY)) && src != null) {
      return ruleTitle + " from " + src;
    }
    if (host != null) {
      return ruleTitle + " on " + host;
    }
    return src != null ? ruleTitle + " from " + src : ruleTitle;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    worker.join(10_000);
  }
}
