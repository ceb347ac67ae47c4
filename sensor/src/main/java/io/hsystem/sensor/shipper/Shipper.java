package io.hsystem.sensor.shipper;

import io.hsystem.sensor.core.EventSink;
import io.hsystem.sensor.core.HoneypotEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ships honeypot events to the server: {@link #accept} numbers each event and appends it to the
 * disk {@link Spool} (never blocking on the network); a sender thread reads batches in order (up to
 * {@code batchMaxRecords} records or {@code batchLinger}), gzips them, POSTs them over mutual TLS
 * 1.3 and deletes them from the spool once the server answered 2xx. Failures are retried with
 * capped exponential backoff, honouring Retry-After; nothing is deleted before the server has
 * acknowledged it, and the server drops replays by sequence number.
 */
public final class Shipper implements EventSink, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Shipper.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long MAX_BATCH_BYTES = 4L << 20;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  private final GatewayClient client;
  private final Spool spool;
  private final int batchMaxRecords;
  private final Duration batchLinger;
  private final Duration maxBackoff;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong spoolErrors = new AtomicLong();
  private volatile String lastError;
  private volatile Instant lastSuccess;
  private volatile boolean running;
  private Thread sender;

  Shipper(
      GatewayClient client,
      Spool spool,
      int batchMaxRecords,
      Duration batchLinger,
      Duration maxBackoff) {
    if (batchMaxRecords < 1 || batchMaxRecords > 20_000) {
      throw new IllegalArgumentException("batchMaxRecords must be 1 to 20000");
    }
    this.client = client;
    this.spool = spool;
    this.batchMaxRecords = batchMaxRecords;
    this.batchLinger = batchLinger;
    this.maxBackoff = maxBackoff;
  }

  /** Starts the sender thread (once). */
  synchronized Shipper start() {
    if (sender == null) {
      running = true;
      sender = new Thread(this::run, "hsystem-shipper");
      sender.setDaemon(true);
      sender.start();
    }
    return this;
  }

  /**
   * Spools one event; returns at once. Never throws: a spool that cannot be written (disk full) is
   * counted and logged, and the event is lost.
   */
  @Override
  public void accept(HoneypotEvent event) {
    try {
      spool.append(event.toJson());
    } catch (IOException | RuntimeException e) {
      long n = spoolErrors.incrementAndGet();
      if (n == 1 || n % 1000 == 0) {
        log.warn("cannot spool events ({} lost so far): {}", n, e.toString());
      }
    }
  }

  public ShipperStats stats() {
    return new ShipperStats(
        spool.pending(),
        spool.bytes(),
        spool.evicted() + spoolErrors.get(),
        sent.get(),
        duplicates.get(),
        rejected.get(),
        batches.get(),
        failures.get(),
        spool.lastSeq(),
        spool.ackedSeq(),
        lastError,
        lastSuccess);
  }

  /** Waits until the server has acknowledged everything spooled so far; false on timeout. */
  public boolean awaitDelivered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long target = spool.lastSeq();
    while (spool.ackedSeq() < target && spool.pending() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Stops the sender; spooled records stay on disk for the next start. */
  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      running = false;
      thread = sender;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      spool.close();
    } catch (IOException e) {
      log.warn("cannot close the spool cleanly: {}", e.toString());
    }
  }

  private void run() {
    Duration backoff = FIRST_BACKOFF;
    int limit = batchMaxRecords;
    while (running) {
      try {
        Spool.Batch batch =
            spool.awaitBatch(limit, MAX_BATCH_BYTES, batchLinger.toMillis(), () -> running);
        if (batch.isEmpty()) {
          continue;
        }
        spool.sync();
        HttpResponse<String> response =
            client.post(
                "/events",
                gzip(batch),
                Map.of(
                    "Content-Type", "application/x-ndjson",
                    "Content-Encoding", "gzip",
                    "Accept", "application/json"));
        int status = response.statusCode();
        if (status / 100 == 2) {
          JsonNode answer = JSON.readTree(response.body());
          spool.ack(batch);
          sent.addAndGet(answer.path("accepted").asLong());
          duplicates.addAndGet(answer.path("duplicates").asLong());
          rejected.addAndGet(answer.path("rejected_count").asLong());
          batches.incrementAndGet();
          lastSuccess = Instant.now();
          lastError = null;
          backoff = FIRST_BACKOFF;
          limit = batchMaxRecords;
          continue;
        }
        failures.incrementAndGet();
        lastError = status + " " + code(response.body());
        if (status == 413 && limit > 1) {
          limit = Math.max(1, limit / 2); // the server takes smaller batches
          continue;
        }
        Duration wait = retryAfter(response).orElse(null);
        if (wait == null) {
          wait = jitter(backoff);
          backoff = min(backoff.multipliedBy(2), maxBackoff);
        }
        if (status == 401 || status == 403) {
          log.warn("the server refuses this sensor ({}); spooling until it is re-enrolled", status);
          wait = maxBackoff;
        }
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        failures.incrementAndGet();
        lastError =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        try {
          Thread.sleep(jitter(backoff).toMillis());
        } catch (InterruptedException stop) {
          if (!running) {
            return;
          }
        }
        backoff = min(backoff.multipliedBy(2), maxBackoff);
      }
    }
  }

  private static byte[] gzip(Spool.Batch batch) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try (GZIPOutputStream z = new GZIPOutputStream(out, 64 * 1024)) {
      for (String record : batch.records()) {
        z.write(record.getBytes(StandardCharsets.UTF_8));
        z.write('\n');
      }
    }
    return out.toByteArray();
  }

  private static java.util.Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            v -> {
              try {
                long seconds = Long.parseLong(v.trim());
                return java.util.Optional.of(
                    Duration.ofSeconds(Math.max(0, Math.min(seconds, 3600))));
              } catch (NumberFormatException e) {
                return java.util.Optional.empty();
              }
            });
  }

  private static String code(String body) {
    try {
      return JSON.readTree(body).path("code").asString("");
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static Duration jitter(Duration d) {
    long ms = Math.max(1, d.toMillis());
    return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
