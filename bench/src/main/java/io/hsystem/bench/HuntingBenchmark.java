package io.hsystem.bench;

import io.hsystem.eventstore.EventSearch;
import io.hsystem.eventstore.SearchResult;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.eventstore.lucene.LuceneEventStore;
import io.hsystem.hunting.HuntingQueryParser;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import tools.jackson.databind.JsonNode;

/**
 * Hunting latency on a large store: generates {@code --events} records, turns them into canonical
 * events with the server's own parser and normaliser, appends them straight into a {@link
 * LuceneEventStore} (laid out exactly where the server keeps it: {@code <data>/events/lucene}),
 * commits, reopens the store the way a restarted server would (no merges in flight), and times each
 * query shape: warm-up, then {@code --iterations} timed searches for the 20 newest hits with an
 * exact total. With {@code --http} it then starts the server jar on the same data folder and times
 * the same shapes through {@code POST /api/v1/hunting/query}.
 *
 * <p>Options: {@code --events 10000000 --threads 2 --warmup 10 --iterations 100 --http true --jar
 * server/target/hsystem-server.jar --dir /tmp --out bench/results/hunting-10m.md --keep false}.
 */
public final class HuntingBenchmark {

  private static final int CHUNK = 5000;

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int events = args.integer("events", 1_000_000);
    int threads = args.integer("threads", 2);
    int warmup = args.integer("warmup", 10);
    int iterations = args.integer("iterations", 100);
    boolean http = args.flag("http", true);
    Path jar = Path.of(args.string("jar", "server/target/hsystem-server.jar"));
    Path out = Path.of(args.string("out", "bench/results/hunting.md"));
    Path base = Path.of(args.string("dir", System.getProperty("java.io.tmpdir")));
    Path work = Files.createTempDirectory(base, "hsystem-bench-hunting");
    Path dataDir = work.resolve("data");
    Path storeDir = dataDir.resolve("events").resolve("lucene");

    StringBuilder md = new StringBuilder();
    md.append("Run ")
        .append(Instant.now().toString(), 0, 19)
        .append("Z on ")
        .append(Machine.describe(work))
        .append("; load average before: ")
        .append(Machine.load())
        .append(".\n\n");
    try (HeapSampler heap = new HeapSampler()) {
      // ---- build
      Instant now = Instant.now();
      AtomicLong checkpoint = new AtomicLong();
      AtomicLong suspicious = new AtomicLong();
      long t0 = System.nanoTime();
      try (LuceneEventStore store = new LuceneEventStore(storeDir, Duration.ofMillis(500), 64)) {
        List<Thread> builders = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int th = 0; th < threads; th++) {
          int share = events / threads + (th < events % threads ? 1 : 0);
          int seed = 1000 + th;
          Thread t =
              new Thread(
                  () -> {
                    try {
                      EventGenerator generator = new EventGenerator(seed, now, 3);
                      Canonical canonical = new Canonical();
                      List<Event> chunk = new ArrayList<>(CHUNK);
                      for (int i = 0; i < share; i++) {
                        chunk.add(canonical.event(generator.next(), now));
                        if (chunk.size() == CHUNK || i == share - 1) {
                          store.append(chunk, checkpoint.addAndGet(chunk.size()));
                          chunk = new ArrayList<>(CHUNK);
                        }
                      }
                      suspicious.addAndGet(generator.suspicious());
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  },
                  "builder-" + th);
          t.start();
          builders.add(t);
        }
        long lastReport = System.nanoTime();
        for (Thread t : builders) {
          while (t.isAlive()) {
            t.join(1000);
            if (System.nanoTime() - lastReport > 30e9) {
              lastReport = System.nanoTime();
              System.out.printf(
                  "  %,d events after %.0f s%n", checkpoint.get(), (lastReport - t0) / 1e9);
            }
          }
        }
        if (!failures.isEmpty()) {
          throw new IllegalStateException("building failed", failures.get(0));
        }
        store.commit();
      }
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      long bytes = size(storeDir);
      System.out.printf("built %,d events in %.0f s, %,d MB%n", events, buildSeconds, bytes >> 20);
      md.append(
          String.format(
              "Dataset: %,d generated Sysmon EventID 1/3 records over 3 days (%,d with a credential-theft marker), parsed and normalised by the server's own `SysmonParser` + `Normalizer`, appended by %d threads into a `LuceneEventStore` (3–4 day partitions, 64 MB buffer, 500 ms refresh as in the server) and committed: %.0f s (%,.0f events/s including generation and parsing), %,d MB on disk (%.0f bytes/event). Segments per partition after commit: %s.%n%n",
              events,
              suspicious.get(),
              threads,
              buildSeconds,
              events / buildSeconds,
              bytes >> 20,
              bytes / (double) events,
              segments(storeDir)));

      // ---- store directly (reopened, like a restarted server)
      md.append("### `LuceneEventStore.search` directly (in-process, one thread)\n\n");
      md.append(
          String.format(
              "Each shape: %d warm-up + %d timed searches, 20 newest first with the exact total; the literal varies per iteration (see `QueryShapes`).%n%n",
              warmup, iterations));
      md.append(
          "| shape | example | p50 ms | p99 ms | max ms | hits (mean) | p50 < 50 ms |\n|---|---|---:|---:|---:|---:|:---:|\n");
      try (LuceneEventStore store = new LuceneEventStore(storeDir, Duration.ofSeconds(1), 64)) {
        if (store.count() != events) {
          throw new IllegalStateException("the store holds " + store.count() + ", not " + events);
        }
        SplittableRandom random = new SplittableRandom(11);
        for (QueryShapes.Shape shape : QueryShapes.ALL) {
          Stats stats = new Stats();
          long hits = 0;
          for (int i = 0; i < warmup + iterations; i++) {
            String q = shape.query().apply(random);
            long t = System.nanoTime();
            SearchResult r =
                store.search(
                    new EventSearch(HuntingQueryParser.parse(q), TimeRange.ALL, 0, 20, false));
            long took = System.nanoTime() - t;
            check(q, r);
            if (i >= warmup) {
              stats.add(took);
              hits += r.total();
            }
          }
          double p50 = stats.percentileMs(50);
          md.append(
              String.format(
                  "| %s | `%s` | %s | %s | %s | %,d | %s |%n",
                  shape.name(),
                  shape.example(),
                  Stats.ms(p50),
                  Stats.ms(stats.percentileMs(99)),
                  Stats.ms(stats.maxMs()),
                  hits / iterations,
                  p50 < 50 ? "yes" : "**no**"));
          System.out.printf(
              "%-34s p50 %s ms p99 %s ms%n",
              shape.name(), Stats.ms(p50), Stats.ms(stats.percentileMs(99)));
        }
      }
      md.append(
          String.format(
              "%nBenchmark JVM peak heap used (building + searching): %,d MiB of -Xmx %,d MiB.%n%n",
              heap.peakMib(), HeapSampler.maxMib()));
    }

    // ---- through the HTTP API on the same data
    if (http) {
      Server server = Server.start(jar, dataDir, work, Map.of(), List.of());
      try {
        String token = server.login();
        md.append("### Through the HTTP API (server jar on the same data folder, `-Xmx1g`)\n\n");
        md.append(
            String.format(
                "Each shape: %d warm-up + %d timed `POST /api/v1/hunting/query` with `size` 20, one client; latency at the client (HTTP + JSON of 20 events included).%n%n",
                warmup, iterations));
        md.append(
            "| shape | example | p50 ms | p99 ms | max ms | hits (mean) | p50 < 50 ms |\n|---|---|---:|---:|---:|---:|:---:|\n");
        SplittableRandom random = new SplittableRandom(11);
        for (QueryShapes.Shape shape : QueryShapes.ALL) {
          Stats stats = new Stats();
          long hits = 0;
          for (int i = 0; i < warmup + iterations; i++) {
            String q = shape.query().apply(random);
            long t = System.nanoTime();
            JsonNode r = server.hunt(token, q, 20);
            long took = System.nanoTime() - t;
            if (i >= warmup) {
              stats.add(took);
              hits += r.get("total").asLong();
            }
          }
          double p50 = stats.percentileMs(50);
          md.append(
              String.format(
                  "| %s | `%s` | %s | %s | %s | %,d | %s |%n",
                  shape.name(),
                  shape.example(),
                  Stats.ms(p50),
                  Stats.ms(stats.percentileMs(99)),
                  Stats.ms(stats.maxMs()),
                  hits / iterations,
                  p50 < 50 ? "yes" : "**no**"));
          System.out.printf(
              "http %-29s p50 %s ms p99 %s ms%n",
              shape.name(), Stats.ms(p50), Stats.ms(stats.percentileMs(99)));
        }
        server.close();
        long[] peak = Server.peakHeapMib(server.gcLog);
        md.append(
            String.format(
                "%nServer peak heap used (GC log, largest occupancy before a collection): %,d MiB of %,d MiB committed (%d collections).%n",
                peak[0], peak[1], peak[2]));
      } finally {
        server.close();
      }
    }
    md.append(String.format("%nLoad average after: %s.%n", Machine.load()));
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md.toString());
    System.out.println(md);
    if (!args.flag("keep", false)) {
      Machine.deleteTree(work);
    }
  }

  /** Sanity: at most 20 events, newest first. */
  private static void check(String query, SearchResult r) {
    Instant previous = null;
    for (Event e : r.events()) {
      Instant t = e.getTime(EventField.EVENT_TIME);
      if (previous != null && t.isAfter(previous)) {
        throw new IllegalStateException(query + ": not newest first");
      }
      previous = t;
    }
    if (r.events().size() > 20 || r.events().size() > r.total()) {
      throw new IllegalStateException(query + ": " + r.events().size() + " of " + r.total());
    }
  }

  private static String segments(Path storeDir) throws IOException {
    List<String> parts = new ArrayList<>();
    try (Stream<Path> days = Files.list(storeDir)) {
      for (Path day : days.filter(Files::isDirectory).sorted().toList()) {
        try (FSDirectory dir = FSDirectory.open(day);
            DirectoryReader reader = DirectoryReader.open(dir)) {
          parts.add(
              day.getFileName()
                  + " "
                  + reader.leaves().size()
                  + " segments / "
                  + String.format("%,d", reader.numDocs())
                  + " docs");
        }
      }
    }
    return String.join("; ", parts);
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
