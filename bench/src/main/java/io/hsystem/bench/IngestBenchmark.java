package io.hsystem.bench;

import io.hsystem.eventstore.lucene.LuceneEventStore;
import io.hsystem.ingest.internal.WriteAheadLog;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventCodec;
import io.hsystem.protocol.EventField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import tools.jackson.databind.JsonNode;

/**
 * Ingest throughput end to end through the HTTP API of the packaged server jar (parse → normalise →
 * durable WAL → indexed and searchable), against in-process baselines measured in the same run on
 * the same records: the server's parser and normaliser alone, and the canonical events appended
 * straight into a {@link LuceneEventStore} (one thread, 5,000-event chunks like the pipeline's
 * indexer) and committed.
 *
 * <p>Options: {@code --events 1000000 --batch 1000 --clients 4 --encoding gzip|plain|both
 * --warmup-batches 20 --jar server/target/hsystem-server.jar --out bench/results/ingest.md
 * --hunt-iterations 50 --server-jvm-args "..."}.
 */
public final class IngestBenchmark {

  private static final int CHUNK = 5000; // IndexingPipeline.INDEX_CHUNK

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int events = args.integer("events", 1_000_000);
    int batch = args.integer("batch", 1000);
    int clients = args.integer("clients", 4);
    String encoding = args.string("encoding", "both");
    int warmupBatches = args.integer("warmup-batches", 20);
    int huntIterations = args.integer("hunt-iterations", 50);
    Path jar = Path.of(args.string("jar", "server/target/hsystem-server.jar"));
    Path out = Path.of(args.string("out", "bench/results/ingest.md"));
    String serverJvmArgs = args.string("server-jvm-args", "");
    Path work = Files.createTempDirectory("hsystem-bench-ingest");
    int batches = events / batch;
    events = batches * batch;

    StringBuilder md = new StringBuilder();
    md.append("Run ")
        .append(Instant.now().toString(), 0, 19)
        .append("Z on ")
        .append(Machine.describe(work))
        .append("; load average before: ")
        .append(Machine.load())
        .append(".\n\n");
    md.append(
        String.format(
            "%,d events in %,d NDJSON batches of %,d (plus %d warm-up batches, not timed), %d client threads.%n%n",
            events, batches, batch, warmupBatches, clients));

    // ---- the dataset, generated before anything is timed
    Instant now = Instant.now();
    EventGenerator generator = new EventGenerator(42, now, 3);
    long t0 = System.nanoTime();
    List<byte[]> plain = new ArrayList<>(batches);
    for (int i = 0; i < batches; i++) {
      plain.add(generator.ndjson(batch));
    }
    EventGenerator warmGenerator = new EventGenerator(7, now, 3);
    List<byte[]> warmup = new ArrayList<>();
    for (int i = 0; i < warmupBatches; i++) {
      warmup.add(warmGenerator.ndjson(batch));
    }
    long plainBytes = plain.stream().mapToLong(b -> b.length).sum();
    System.out.printf(
        "generated %,d records (%,d bytes, %.0f B/record, %d suspicious) in %.1f s%n",
        events,
        plainBytes,
        plainBytes / (double) events,
        generator.suspicious(),
        (System.nanoTime() - t0) / 1e9);
    List<byte[]> gzip = null;
    long gzipBytes = 0;
    if (!encoding.equals("plain")) {
      gzip = new ArrayList<>(batches);
      for (byte[] b : plain) {
        gzip.add(gzip(b));
      }
      gzipBytes = gzip.stream().mapToLong(b -> b.length).sum();
    }
    md.append(
        String.format(
            "Records: Sysmon EventID 1/3 JSON lines, %.0f bytes each on average (%,d MB per run plain%s); %,d carry a credential-theft marker.%n%n",
            plainBytes / (double) events,
            plainBytes >> 20,
            gzip == null
                ? ""
                : String.format(
                    ", %,d MB gzip, ratio %.1f", gzipBytes >> 20, plainBytes / (double) gzipBytes),
            generator.suspicious()));

    // ---- baselines, in this JVM, same records
    Baseline baseline = baseline(plain, now, work);
    md.append("### In-process baselines (same records, this JVM, nothing else running)\n\n");
    md.append("| step | events/s | note |\n|---|---:|---|\n");
    md.append(
        String.format(
            "| Jackson tree + `SysmonParser` + `Normalizer` | %,.0f | one thread |%n",
            baseline.parseRate));
    md.append(
        String.format(
            "| `EventCodec.encode` | %,.0f | one thread (the WAL payload) |%n",
            baseline.encodeRate));
    md.append(
        String.format(
            "| `WriteAheadLog.append` of 1,000-event batches, fsync each | %,.0f | %.2f ms per batch |%n",
            baseline.walRate, baseline.walMsPerBatch));
    md.append(
        String.format(
            "| **`LuceneEventStore.append` + `commit`** (the baseline) | **%,.0f** | one thread, chunks of %,d, commit at the end (%.1f s) |%n",
            baseline.luceneRate, CHUNK, baseline.luceneSeconds));
    md.append(
        String.format(
            "| plain Lucene `IndexWriter`, minimal document + `commit` | %,.0f | one thread; 10 lower-cased `StringField`s, `event_time` point + doc values, `raw` stored (the document NOTES.md's 76–91 k/s ceiling was measured with) |%n",
            baseline.plainLuceneRate));
    md.append(
        String.format(
            "| parse + encode + WAL + `LuceneEventStore` in sequence (no HTTP, no threads) | %,.0f | 1 / Σ(1/rate) |%n%n",
            1.0
                / (1 / baseline.parseRate
                    + 1 / baseline.encodeRate
                    + 1 / baseline.walRate
                    + 1 / baseline.luceneRate)));
    md.append(
        String.format(
            "Baseline JVM peak heap used: %,d MiB (it holds every record and its encoded event; -Xmx %,d MiB). The Lucene rows time `append`/`addDocuments` + `commit` only; the canonical events are decoded from `EventCodec` payloads outside the clock, 5,000 at a time.%n%n",
            baseline.peakHeapMib, HeapSampler.maxMib()));

    // ---- end to end through HTTP
    md.append("### End to end through the HTTP API (server jar, `-Xmx1g`)\n\n");
    md.append(
        "| body | events/s (first send → all searchable) | ratio to `LuceneEventStore` baseline / to plain Lucene | acknowledged events/s | request p50 / p99 ms | 503s (retried) | server CPU s / client CPU s | server peak heap used MiB (GCs) |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    List<String> runs = encoding.equals("both") ? List.of("gzip", "plain") : List.of(encoding);
    String huntTable = null;
    for (String run : runs) {
      List<byte[]> bodies = run.equals("gzip") ? gzip : plain;
      List<byte[]> warm = new ArrayList<>();
      for (byte[] w : warmup) {
        warm.add(run.equals("gzip") ? gzip(w) : w);
      }
      boolean hunt = huntTable == null && huntIterations > 0;
      RunResult r =
          httpRun(
              jar,
              work,
              bodies,
              warm,
              run.equals("gzip"),
              clients,
              batch,
              hunt ? huntIterations : 0,
              serverJvmArgs);
      md.append(
          String.format(
              "| NDJSON %s | **%,.0f** | %.2f / %.2f | %,.0f | %s / %s | %,d | %.0f / %.0f | %,d of %,d (%d) |%n",
              run,
              events / r.seconds,
              (events / r.seconds) / baseline.luceneRate,
              (events / r.seconds) / baseline.plainLuceneRate,
              events / r.ackSeconds,
              Stats.ms(r.latency.percentileMs(50)),
              Stats.ms(r.latency.percentileMs(99)),
              r.refused,
              r.serverCpu,
              r.clientCpu,
              r.peakHeap[0],
              r.peakHeap[1],
              r.peakHeap[2]));
      if (hunt) {
        huntTable = r.huntTable;
      }
    }
    md.append(
        "\nevents/s counts the timed events only, from the first request until a hunting query"
            + " (`{\"query\":\"\",\"size\":1}`) reports every event; \"acknowledged\" stops at the"
            + " last 2xx. Server peak heap: the largest heap occupancy before a collection in the"
            + " server's GC log (`-Xlog:gc`), of the committed maximum.\n");
    if (huntTable != null) {
      md.append("\n### Hunting through the HTTP API on the ingested events\n\n").append(huntTable);
    }
    md.append(String.format("%nLoad average after: %s.%n", Machine.load()));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md.toString());
    System.out.println(md);
    Machine.deleteTree(work);
  }

  private static Baseline baseline(List<byte[]> bodies, Instant now, Path work) throws IOException {
    try (HeapSampler heap = new HeapSampler()) {
      // parse + normalise, then encode, body by body (holding a million Event objects would need
      // several GB); a short warm-up on the first bodies first
      Canonical canonical = new Canonical();
      for (int i = 0; i < Math.min(20, bodies.size()); i++) {
        for (String line : lines(bodies.get(i))) {
          canonical.event(line, now);
        }
      }
      long parseNanos = 0;
      long encodeNanos = 0;
      List<byte[]> payloads = new ArrayList<>();
      for (byte[] body : bodies) {
        List<String> lines = lines(body);
        List<Event> events = new ArrayList<>(lines.size());
        long t = System.nanoTime();
        for (String line : lines) {
          events.add(canonical.event(line, now));
        }
        long t1 = System.nanoTime();
        for (Event e : events) {
          payloads.add(EventCodec.encode(e));
        }
        long t2 = System.nanoTime();
        parseNanos += t1 - t;
        encodeNanos += t2 - t1;
      }
      int n = payloads.size();
      double parseRate = n / (parseNanos / 1e9);
      double encodeRate = n / (encodeNanos / 1e9);
      System.out.printf(
          "parse + normalise: %,.0f events/s, encode %,.0f events/s%n", parseRate, encodeRate);

      // the WAL: 1,000-event appends, each forced to disk (200 batches are enough to see the cost)
      Path walDir = work.resolve("wal");
      int walBatches = Math.min(200, n / 1000);
      WriteAheadLog wal = new WriteAheadLog(walDir, 64L << 20);
      long t = System.nanoTime();
      for (int i = 0; i < walBatches; i++) {
        wal.append(payloads.subList(i * 1000, (i + 1) * 1000));
      }
      double walSeconds = (System.nanoTime() - t) / 1e9;
      wal.close();
      Machine.deleteTree(walDir);
      double walRate = walBatches * 1000 / walSeconds;
      System.out.printf("wal: %,.0f events/s%n", walRate);

      // the Lucene store, as the pipeline's single indexer thread drives it: chunks of 5,000
      // canonical events (decoded from the payloads outside the clock), one commit at the end
      Path storeDir = work.resolve("baseline-store");
      long luceneNanos = 0;
      try (LuceneEventStore store = new LuceneEventStore(storeDir, Duration.ofMillis(500), 64)) {
        long checkpoint = 0;
        for (int from = 0; from < n; from += CHUNK) {
          List<Event> chunk = decode(payloads, from, Math.min(n, from + CHUNK));
          checkpoint += chunk.size();
          t = System.nanoTime();
          store.append(chunk, checkpoint);
          luceneNanos += System.nanoTime() - t;
        }
        t = System.nanoTime();
        store.commit();
        luceneNanos += System.nanoTime() - t;
        store.refresh();
        if (store.count() != n) {
          throw new IllegalStateException("baseline store holds " + store.count());
        }
      }
      Machine.deleteTree(storeDir);
      double luceneSeconds = luceneNanos / 1e9;
      double luceneRate = n / luceneSeconds;
      System.out.printf("lucene: %,.0f events/s%n", luceneRate);

      // a plain IndexWriter with a minimal document (the shape NOTES.md's ceiling was measured on)
      Path plainDir = work.resolve("plain-lucene");
      double plainRate = plainLucene(payloads, plainDir);
      Machine.deleteTree(plainDir);
      System.out.printf("plain lucene: %,.0f events/s%n", plainRate);
      long peak = heap.peakMib();
      payloads = null;
      System.gc();
      return new Baseline(
          parseRate,
          encodeRate,
          walRate,
          walSeconds * 1000 / walBatches,
          luceneRate,
          luceneSeconds,
          plainRate,
          peak);
    }
  }

  private static List<Event> decode(List<byte[]> payloads, int from, int to) {
    List<Event> events = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      events.add(EventCodec.decode(payloads.get(i)));
    }
    return events;
  }

  record Baseline(
      double parseRate,
      double encodeRate,
      double walRate,
      double walMsPerBatch,
      double luceneRate,
      double luceneSeconds,
      double plainLuceneRate,
      long peakHeapMib) {}

  /** Ten lower-cased keyword fields, event_time as point + doc values, raw stored; one thread. */
  private static double plainLucene(List<byte[]> payloads, Path dir) throws IOException {
    EventField[] keywords = {
      EventField.EVENT_ID,
      EventField.EVENT_TYPE,
      EventField.EVENT_CODE,
      EventField.HOST_NAME,
      EventField.PROCESS_NAME,
      EventField.PATH,
      EventField.COMMAND_LINE,
      EventField.PARENT_PATH,
      EventField.USER,
      EventField.DST_IP
    };
    long nanos = 0;
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer =
            new IndexWriter(directory, new IndexWriterConfig().setRAMBufferSizeMB(64))) {
      for (int from = 0; from < payloads.size(); from += CHUNK) {
        List<Event> chunk = decode(payloads, from, Math.min(payloads.size(), from + CHUNK));
        long t = System.nanoTime();
        List<Document> docs = new ArrayList<>(chunk.size());
        for (Event event : chunk) {
          Document doc = new Document();
          for (EventField f : keywords) {
            String v = event.getString(f);
            if (v != null) {
              doc.add(new StringField(f.fieldName(), v.toLowerCase(Locale.ROOT), Field.Store.NO));
            }
          }
          long time = event.getTime(EventField.EVENT_TIME).toEpochMilli();
          doc.add(new LongPoint("event_time", time));
          doc.add(new NumericDocValuesField("event_time", time));
          doc.add(new StoredField("raw", event.getString(EventField.RAW)));
          docs.add(doc);
        }
        writer.addDocuments(docs);
        nanos += System.nanoTime() - t;
      }
      long t = System.nanoTime();
      writer.commit();
      nanos += System.nanoTime() - t;
    }
    return payloads.size() / (nanos / 1e9);
  }

  record RunResult(
      double seconds,
      double ackSeconds,
      Stats latency,
      long refused,
      double serverCpu,
      double clientCpu,
      long[] peakHeap,
      String huntTable) {}

  private static RunResult httpRun(
      Path jar,
      Path work,
      List<byte[]> bodies,
      List<byte[]> warmup,
      boolean gzip,
      int clients,
      int batch,
      int huntIterations,
      String serverJvmArgs)
      throws Exception {
    Path dataDir = Files.createTempDirectory(work, "data");
    List<String> jvmArgs =
        serverJvmArgs.isBlank() ? List.of() : List.of(serverJvmArgs.trim().split("\\s+"));
    Server server =
        Server.start(
            jar,
            dataDir,
            work,
            Map.of("HSYSTEM_INGEST_MAX_CONCURRENT_REQUESTS", Integer.toString(clients)),
            jvmArgs);
    try {
      String token = server.login();
      String key = server.createIngestKey(token, "sysmon");
      AtomicLong refused = new AtomicLong();
      Stats warmStats = new Stats();
      send(server, key, warmup, gzip, Math.min(clients, 2), warmStats, refused);
      long warmEvents = (long) warmup.size() * batch;
      awaitTotal(server, token, warmEvents);
      System.out.printf("warm-up of %,d events indexed%n", warmEvents);

      refused.set(0);
      Stats latency = new Stats();
      double serverCpu0 = server.cpuSeconds();
      double clientCpu0 = ownCpu();
      long start = System.nanoTime();
      send(server, key, bodies, gzip, clients, latency, refused);
      long acked = System.nanoTime();
      long expected = warmEvents + (long) bodies.size() * batch;
      awaitTotal(server, token, expected);
      long visible = System.nanoTime();
      double serverCpu = server.cpuSeconds() - serverCpu0;
      double clientCpu = ownCpu() - clientCpu0;
      System.out.printf(
          "%s: %,d events searchable after %.1f s (acknowledged after %.1f s), %d refused%n",
          gzip ? "gzip" : "plain",
          (long) bodies.size() * batch,
          (visible - start) / 1e9,
          (acked - start) / 1e9,
          refused.get());
      String huntTable =
          huntIterations > 0 ? httpHunting(server, token, expected, huntIterations) : null;
      server.close();
      long[] heap = Server.peakHeapMib(server.gcLog);
      return new RunResult(
          (visible - start) / 1e9,
          (acked - start) / 1e9,
          latency,
          refused.get(),
          serverCpu,
          clientCpu,
          heap,
          huntTable);
    } finally {
      server.close();
      Machine.deleteTree(dataDir);
    }
  }

  /** Sends every body once from {@code clients} threads; 503 → wait Retry-After and resend. */
  private static void send(
      Server server,
      String key,
      List<byte[]> bodies,
      boolean gzip,
      int clients,
      Stats latency,
      AtomicLong refused)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  int i;
                  while ((i = next.getAndIncrement()) < bodies.size()) {
                    sendOne(server, key, bodies.get(i), gzip, latency, refused);
                  }
                } catch (Throwable e) {
                  failures.add(e);
                  next.set(bodies.size()); // stop the others too
                }
              },
              "client-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a client failed", failures.get(0));
    }
  }

  private static void sendOne(
      Server server, String key, byte[] body, boolean gzip, Stats latency, AtomicLong refused)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(server.uri("/api/v1/ingest/events"))
            .timeout(Duration.ofSeconds(120))
            .header("Content-Type", "application/x-ndjson")
            .header("X-API-Key", key)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzip) {
      builder.header("Content-Encoding", "gzip");
    }
    HttpRequest request = builder.build();
    for (int attempt = 0; attempt < 600; attempt++) {
      long t = System.nanoTime();
      HttpResponse<String> r = server.http().send(request, HttpResponse.BodyHandlers.ofString());
      long took = System.nanoTime() - t;
      if (r.statusCode() == 200) {
        latency.add(took);
        JsonNode result = Server.JSON.readTree(r.body());
        if (result.get("rejected_count").asLong() != 0) {
          throw new IllegalStateException("records were rejected: " + r.body());
        }
        return;
      }
      if (r.statusCode() == 503 || r.statusCode() == 429) {
        refused.incrementAndGet();
        long wait = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
        Thread.sleep(wait * 1000);
        continue;
      }
      throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
    }
    throw new IllegalStateException("a batch was refused 600 times");
  }

  private static void awaitTotal(Server server, String token, long expected) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      long total = server.hunt(token, "", 1).get("total").asLong();
      if (total >= expected) {
        return;
      }
      Server.sleep(250); // each poll is a match-all search with an exact total: not too often
    }
    throw new IllegalStateException("not all " + expected + " events became searchable in 10 min");
  }

  private static String httpHunting(Server server, String token, long expected, int iterations)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            "%,d events in the server; each shape: 10 warm-up + %d timed queries, one client,"
                + " `size` 20, newest first, exact total; latency measured at the client"
                + " (HTTP + JSON of 20 events included).%n%n",
            expected, iterations));
    md.append(
        "| shape | example | p50 ms | p99 ms | max ms | hits (mean) |\n|---|---|---:|---:|---:|---:|\n");
    SplittableRandom random = new SplittableRandom(11);
    for (QueryShapes.Shape shape : QueryShapes.ALL) {
      Stats stats = new Stats();
      long hits = 0;
      for (int i = 0; i < 10 + iterations; i++) {
        String q = shape.query().apply(random);
        long t = System.nanoTime();
        JsonNode r = server.hunt(token, q, 20);
        long took = System.nanoTime() - t;
        if (i >= 10) {
          stats.add(took);
          hits += r.get("total").asLong();
        }
      }
      md.append(
          String.format(
              "| %s | `%s` | %s | %s | %s | %,d |%n",
              shape.name(),
              shape.example(),
              Stats.ms(stats.percentileMs(50)),
              Stats.ms(stats.percentileMs(99)),
              Stats.ms(stats.maxMs()),
              hits / iterations));
    }
    return md.toString();
  }

  private static double ownCpu() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toMillis() / 1000.0)
        .orElse(Double.NaN);
  }

  static List<String> lines(byte[] body) {
    List<String> lines = new ArrayList<>();
    String s = new String(body, StandardCharsets.UTF_8);
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        if (i > start) {
          lines.add(s.substring(start, i));
        }
        start = i + 1;
      }
    }
    if (start < s.length()) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  static byte[] gzip(byte[] body) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(body);
    }
    return out.toByteArray();
  }
}
