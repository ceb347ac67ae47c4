package io.hsystem.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.support.ServerProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Once the ingest API answers 2xx the events survive {@code kill -9}; under overload it answers 503
 * with Retry-After rather than dropping. Senders stream batches into a real server process, which
 * is killed in the middle; after a restart every acknowledged event is searchable.
 */
class IngestDurabilityIT {

  private static final int BATCH = 500;
  private static final int SENDERS = 4;

  @Test
  void acknowledgedEventsSurviveKillDashNineAndOverloadIsRefusedNotDropped() throws Exception {
    Path dataDir = Files.createTempDirectory("hsystem-durability");
    int port = ServerProcess.freePort();
    Map<String, String> env =
        new java.util.HashMap<>(io.hsystem.ServerRestartIT.environmentFor(dataDir));
    env.put("HSYSTEM_ADMIN_PASSWORD", "Durable-Keeper-42");
    env.put("HSYSTEM_INGEST_MAX_CONCURRENT_REQUESTS", "2");

    AtomicLong acknowledged = new AtomicLong();
    AtomicLong unanswered = new AtomicLong();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger refusedWithoutRetryAfter = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    String key;

    try (ServerProcess server = ServerProcess.start(env, port, dataDir.resolve("first.log"))) {
      server.awaitHealthy();
      String token = server.login("admin", "Durable-Keeper-42");
      HttpResponse<String> created =
          server.send(
              "POST",
              "/api/v1/ingest/keys",
              token,
              "{\"name\": \"it\", \"source_type\": \"hsystem_sensor\"}");
      key = ServerProcess.JSON.readTree(created.body()).get("api_key").asString();

      List<Thread> senders = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        int sender = s;
        Thread t =
            new Thread(
                () -> {
                  int n = 0;
                  while (!stop.get()) {
                    String body = batch(sender, n++);
                    try {
                      HttpResponse<String> r =
                          server.send(
                              "POST",
                              "/api/v1/ingest/events",
                              null,
                              body,
                              Map.of("X-API-Key", key));
                      if (r.statusCode() == 200) {
                        acknowledged.addAndGet(
                            ServerProcess.JSON.readTree(r.body()).get("accepted").asLong());
                      } else if (r.statusCode() == 503 || r.statusCode() == 429) {
                        refused.incrementAndGet();
                        if (r.headers().firstValue("Retry-After").isEmpty()) {
                          refusedWithoutRetryAfter.incrementAndGet();
                        }
                      } else {
                        throw new AssertionError("unexpected " + r.statusCode() + ": " + r.body());
                      }
                    } catch (java.io.IOException | InterruptedException e) {
                      unanswered.addAndGet(
                          BATCH); // in flight when the server died: may or may not be kept
                      return;
                    } catch (Exception e) {
                      throw new RuntimeException(e);
                    }
                  }
                });
        t.start();
        senders.add(t);
      }
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (acknowledged.get() < 20_000 && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      server.process().destroyForcibly(); // kill -9, senders mid-stream
      server.process().waitFor(30, TimeUnit.SECONDS);
      stop.set(true);
      for (Thread t : senders) {
        t.join(30_000);
      }
    }
    assertThat(acknowledged.get()).isGreaterThanOrEqualTo(20_000);
    assertThat(refused.get()).as("some batches met the 2-request limit").isPositive();
    assertThat(refusedWithoutRetryAfter.get()).isZero();

    try (ServerProcess server = ServerProcess.start(env, port, dataDir.resolve("second.log"))) {
      server.awaitHealthy();
      String token = server.login("admin", "Durable-Keeper-42");
      long total = 0;
      for (int i = 0; i < 100; i++) {
        HttpResponse<String> r =
            server.send("POST", "/api/v1/hunting/query", token, "{\"query\": \"\", \"size\": 1}");
        total = ServerProcess.JSON.readTree(r.body()).get("total").asLong();
        if (total >= acknowledged.get()) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(total)
          .as("every acknowledged event is back")
          .isGreaterThanOrEqualTo(acknowledged.get());
      assertThat(total)
          .as("nothing counted twice")
          .isLessThanOrEqualTo(acknowledged.get() + unanswered.get());
    }
  }

  private static String batch(int sender, int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < BATCH; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(
              "{\"event_time\": \"2025-08-27 14:25:03\", \"event_type\": \"connection\", \"service\": \"ssh\",")
          .append(" \"src_ip\": \"45.141.84.")
          .append(i % 250)
          .append("\", \"dst_port\": 2222,")
          .append(" \"session_id\": \"s")
          .append(sender)
          .append('-')
          .append(n)
          .append('-')
          .append(i)
          .append("\"}");
    }
    return sb.append(']').toString();
  }
}
