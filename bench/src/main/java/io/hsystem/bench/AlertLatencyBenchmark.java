package io.hsystem.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4: ingest → WebSocket alert latency under background load. Starts the server jar, keeps a
 * Sysmon background stream at a target rate (batches of 1,000 every 100 ms for 10,000 events/s),
 * and meanwhile sends probe events — one honeypot {@code login_success} per probe, each from its
 * own address so that each raises its own alert — to a console subscribed over the socket. The
 * latency of a probe runs from the 2xx of its ingest request to the push of its alert.
 *
 * <p>Options: {@code --rate 10000 --probes 200 --probe-interval-ms 200 --jar
 * server/target/hsystem-server.jar --out bench/results/alert-latency.md}.
 */
public final class AlertLatencyBenchmark {

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int rate = args.integer("rate", 10_000);
    int probes = args.integer("probes", 200);
    int interval = args.integer("probe-interval-ms", 200);
    Path jar = Path.of(args.string("jar", "server/target/hsystem-server.jar"));
    Path out = Path.of(args.string("out", "bench/results/alert-latency.md"));
    Path work = Files.createTempDirectory("hsystem-bench-latency");
    String extra = args.string("server-jvm-args", "");
    List<String> jvmArgs = extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
    AtomicLong probesSent = new AtomicLong();
    String loadBefore = Machine.load();

    // a minute of background records, generated before anything is timed
    int batch = 1000;
    int batchesPerSecond = Math.max(1, rate / batch);
    EventGenerator generator = new EventGenerator(11, Instant.now(), 0);
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < batchesPerSecond * 60; i++) {
      bodies.add(generator.ndjson(batch));
    }

    try (Server server =
        Server.start(
            jar,
            work.resolve("data"),
            work,
            Map.of("HSYSTEM_INGEST_MAX_CONCURRENT_REQUESTS", "8"),
            jvmArgs)) {
      String token = server.login();
      String sysmon = server.createIngestKey(token, "sysmon");
      String sensor = server.createIngestKey(token, "hsystem_sensor");

      Map<String, Long> acknowledged = new ConcurrentHashMap<>();
      Stats latency = new Stats();
      CompletableFuture<Void> ready = new CompletableFuture<>();
      WebSocket socket =
          server
              .http()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create(server.uri("/api/v1/ws").toString().replace("http:", "ws:")),
                  new Listener(acknowledged, latency, ready))
              .get(10, TimeUnit.SECONDS);
      socket.sendText("{\"type\": \"auth\", \"token\": \"" + token + "\"}", true).get();
      socket.sendText("{\"type\": \"subscribe_alerts\", \"severities\": [\"high\"]}", true).get();
      ready.get(10, TimeUnit.SECONDS);

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong sent = new AtomicLong();
      AtomicLong refused = new AtomicLong();
      Thread background =
          new Thread(
              () -> {
                long next = System.nanoTime();
                int i = 0;
                while (running.get()) {
                  byte[] body = bodies.get(i++ % bodies.size());
                  try {
                    HttpResponse<Void> r =
                        server
                            .http()
                            .send(
                                HttpRequest.newBuilder(server.uri("/api/v1/ingest/events"))
                                    .header("X-API-Key", sysmon)
                                    .header("Content-Type", "application/x-ndjson")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                                HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                      sent.addAndGet(batch);
                    } else {
                      refused.incrementAndGet();
                    }
                  } catch (IOException | InterruptedException e) {
                    return;
                  }
                  next += 1_000_000_000L / batchesPerSecond;
                  long wait = next - System.nanoTime();
                  if (wait > 0) {
                    Server.sleep(wait / 1_000_000);
                  }
                }
              },
              "background");
      background.setDaemon(true);
      Thread.sleep(0);
      long start = System.nanoTime();
      background.start();
      Thread.sleep(3000); // the background stream settles first
      for (int p = 0; p < probes; p++) {
        String ip = "198.18." + (p / 250) + "." + (p % 250 + 1);
        String probe =
            "[{\"event_time\": \""
                + Instant.now()
                + "\", \"event_type\": \"login_success\", \"event_category\": \"honeypot\","
                + " \"service\": \"ssh\", \"src_ip\": \""
                + ip
                + "\", \"username\": \"root\", \"password\": \"toor\", \"sensor_id\": \"bench\"}]";
        HttpResponse<String> r =
            server.send("POST", "/api/v1/ingest/events", null, probe, Map.of("X-API-Key", sensor));
        if (r.statusCode() == 200) {
          acknowledged.put(ip, System.nanoTime());
          probesSent.incrementAndGet();
        }
        Thread.sleep(interval);
      }
      Thread.sleep(3000); // the last probes' alerts
      running.set(false);
      double seconds = (System.nanoTime() - start) / 1e9;
      background.join(10_000);
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");

      StringBuilder md = new StringBuilder();
      md.append(
          String.format(
              "Run %s on %s; load average before: %s.%n%n",
              Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
              Machine.describe(work),
              loadBefore));
      md.append(
          String.format(
              "Background: Sysmon NDJSON batches of %,d at a target of %,d events/s; achieved %,.0f"
                  + " events/s acknowledged over %.0f s (%d requests refused with 503). Probes: %d"
                  + " honeypot logins, one every %d ms, each its own alert; a console subscribed"
                  + " over `/api/v1/ws`.%n%n",
              batch, rate, sent.get() / seconds, seconds, refused.get(), probes, interval));
      md.append(
          "| probes pushed | p50 ms | p95 ms | p99 ms | max ms |\n|---:|---:|---:|---:|---:|\n");
      md.append(
          String.format(
              "| %d of %d | %s | %s | %s | %s |%n",
              latency.count(),
              probesSent.get(),
              Stats.ms(latency.percentileMs(50)),
              Stats.ms(latency.percentileMs(95)),
              Stats.ms(latency.percentileMs(99)),
              Stats.ms(latency.maxMs())));
      md.append(String.format("%nLoad average after: %s.%n", Machine.load()));
      System.out.println(md);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, md.toString());
    }
  }

  /** Times each probe's alert from its acknowledgement. */
  private record Listener(
      Map<String, Long> acknowledged, Stats latency, CompletableFuture<Void> ready)
      implements WebSocket.Listener {

    private static final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      long now = System.nanoTime();
      synchronized (partial) {
        partial.append(data);
        if (last) {
          JsonNode message = Server.JSON.readTree(partial.toString());
          partial.setLength(0);
          String type = message.path("type").asString("");
          if (type.equals("subscribed")) {
            ready.complete(null);
          } else if (type.equals("alerts") && message.path("kind").asString("").equals("created")) {
            for (JsonNode alert : message.path("items")) {
              Long sentAt = acknowledged.remove(alert.path("src_ip").asString(""));
              if (sentAt != null) {
                latency.add(now - sentAt);
              }
            }
          }
        }
      }
      socket.request(1);
      return null;
    }
  }
}
