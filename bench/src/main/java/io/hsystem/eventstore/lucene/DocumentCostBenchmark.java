package io.hsystem.eventstore.lucene;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.FSDirectory;

/**
 * Where Lucene indexing time goes for the event store's documents: the real {@code
 * LuceneDocuments.toDocument} (this class sits in the store's package to reach it) indexed by one
 * plain {@link IndexWriter} with one part of the document left out at a time, against the whole
 * {@link LuceneEventStore} (day partitions + 500 ms refresh). Same canonical events for every row,
 * one thread, 64 MB buffer, commit included; documents are built inside the clock.
 *
 * <p>Options: {@code --events 200000 --out bench/results/document-cost.md}.
 */
public final class DocumentCostBenchmark {

  private static final int CHUNK = 5000;

  public static void main(String[] argv) throws Exception {
    int events = 200_000;
    String out = "bench/results/document-cost.md";
    for (int i = 0; i + 1 < argv.length; i += 2) {
      if (argv[i].equals("--events")) {
        events = Integer.parseInt(argv[i + 1]);
      } else if (argv[i].equals("--out")) {
        out = argv[i + 1];
      }
    }
    List<byte[]> payloads = generate(events);
    Path work = Files.createTempDirectory("hsystem-bench-doc");
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            "%,d canonical events (the ingest benchmark's generator, parsed by the server's parser), one thread, 64 MB buffer, commit included.%n%n",
            events));
    md.append("| variant | docs/s | vs full document |\n|---|---:|---:|\n");
    List<Object[]> variants = new ArrayList<>();
    variants.add(
        new Object[] {
          "full `LuceneDocuments` document, one `IndexWriter`", UnaryOperator.<Document>identity()
        });
    variants.add(
        new Object[] {
          "… without the `_all` catch-all text field",
          without(f -> f.name().equals(LuceneFields.ALL))
        });
    variants.add(
        new Object[] {
          "… without `SortedDocValuesField`s on string fields",
          without(f -> f instanceof SortedDocValuesField)
        });
    variants.add(
        new Object[] {
          "… without the `.words` text twins", without(f -> f.name().endsWith(".words"))
        });
    variants.add(
        new Object[] {
          "… without `_present` (exists queries)",
          without(f -> f.name().equals(LuceneFields.PRESENT))
        });
    variants.add(
        new Object[] {
          "… without the stored `_source`", without(f -> f.name().equals(LuceneFields.SOURCE))
        });
    variants.add(
        new Object[] {
          "… without the `event_id` term (one unique term per event)",
          without(f -> f.name().equals("event_id"))
        });
    variants.add(
        new Object[] {
          "… without the whole-value terms of text fields (`command_line`, …)",
          without(
              f ->
                  f instanceof org.apache.lucene.document.StringField
                      && TEXT_FIELDS.contains(f.name()))
        });
    variants.add(
        new Object[] {
          "… without points (times, numbers, IPs)",
          without(
              f ->
                  f instanceof org.apache.lucene.document.LongPoint
                      || f instanceof org.apache.lucene.document.InetAddressPoint)
        });
    variants.add(
        new Object[] {
          "… without numeric doc values", without(f -> f instanceof NumericDocValuesField)
        });
    // warm-up: one untimed pass over a slice
    index(
        payloads.subList(0, Math.min(payloads.size(), 50_000)),
        work.resolve("warm"),
        UnaryOperator.identity());
    double full = 0;
    for (Object[] v : variants) {
      @SuppressWarnings("unchecked")
      UnaryOperator<Document> op = (UnaryOperator<Document>) v[1];
      double rate = index(payloads, work.resolve("v" + variants.indexOf(v)), op);
      if (full == 0) {
        full = rate;
      }
      md.append(String.format("| %s | %,.0f | %.2f× |%n", v[0], rate, rate / full));
      System.out.printf("%-60s %,.0f docs/s%n", v[0], rate);
    }
    double store = store(payloads, work.resolve("store"));
    md.append(
        String.format(
            "| `LuceneEventStore.append` + `commit` (one partition per day of arrival, refresh every 500 ms) | %,.0f | %.2f× |%n",
            store, store / full));
    double two = twoThreads(payloads, work.resolve("two"));
    md.append(
        String.format(
            "| full document, one `IndexWriter`, **two** indexing threads | %,.0f | %.2f× |%n",
            two, two / full));
    System.out.println(md);
    Files.createDirectories(Path.of(out).toAbsolutePath().getParent());
    Files.writeString(Path.of(out), md.toString());
    try (var files = Files.walk(work)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static final java.util.Set<String> TEXT_FIELDS =
      java.util.EnumSet.allOf(io.hsystem.protocol.EventField.class).stream()
          .filter(f -> f.kind() == io.hsystem.protocol.FieldKind.TEXT)
          .map(io.hsystem.protocol.EventField::fieldName)
          .collect(java.util.stream.Collectors.toSet());

  private static UnaryOperator<Document> without(
      java.util.function.Predicate<IndexableField> drop) {
    return doc -> {
      Document kept = new Document();
      for (IndexableField f : doc.getFields()) {
        if (!drop.test(f)) {
          kept.add(f);
        }
      }
      return kept;
    };
  }

  private static double index(List<byte[]> payloads, Path dir, UnaryOperator<Document> variant)
      throws IOException {
    long nanos = 0;
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer =
            new IndexWriter(
                directory, new IndexWriterConfig(new WordAnalyzer()).setRAMBufferSizeMB(64))) {
      for (int from = 0; from < payloads.size(); from += CHUNK) {
        List<Event> chunk = decode(payloads, from, Math.min(payloads.size(), from + CHUNK));
        long t = System.nanoTime();
        List<Document> docs = new ArrayList<>(chunk.size());
        for (Event e : chunk) {
          docs.add(variant.apply(LuceneDocuments.toDocument(e)));
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

  private static double twoThreads(List<byte[]> payloads, Path dir) throws Exception {
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer =
            new IndexWriter(
                directory, new IndexWriterConfig(new WordAnalyzer()).setRAMBufferSizeMB(64))) {
      List<List<Event>> halves = new ArrayList<>();
      long t = System.nanoTime();
      Thread[] threads = new Thread[2];
      for (int th = 0; th < 2; th++) {
        int me = th;
        threads[th] =
            new Thread(
                () -> {
                  try {
                    for (int from = me * CHUNK; from < payloads.size(); from += 2 * CHUNK) {
                      List<Event> chunk =
                          decode(payloads, from, Math.min(payloads.size(), from + CHUNK));
                      List<Document> docs = new ArrayList<>(chunk.size());
                      for (Event e : chunk) {
                        docs.add(LuceneDocuments.toDocument(e));
                      }
                      writer.addDocuments(docs);
                    }
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
        threads[th].start();
      }
      for (Thread th : threads) {
        th.join();
      }
      writer.commit();
      return payloads.size() / ((System.nanoTime() - t) / 1e9); // decoding inside: a lower bound
    }
  }

  private static double store(List<byte[]> payloads, Path dir) {
    long nanos = 0;
    try (LuceneEventStore store = new LuceneEventStore(dir, Duration.ofMillis(500), 64)) {
      long checkpoint = 0;
      for (int from = 0; from < payloads.size(); from += CHUNK) {
        List<Event> chunk = decode(payloads, from, Math.min(payloads.size(), from + CHUNK));
        checkpoint += chunk.size();
        long t = System.nanoTime();
        store.append(chunk, checkpoint);
        nanos += System.nanoTime() - t;
      }
      long t = System.nanoTime();
      store.commit();
      nanos += System.nanoTime() - t;
    }
    return payloads.size() / (nanos / 1e9);
  }

  private static List<Event> decode(List<byte[]> payloads, int from, int to) {
    List<Event> events = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      events.add(EventCodec.decode(payloads.get(i)));
    }
    return events;
  }

  private static List<byte[]> generate(int n) {
    return io.hsystem.bench.Datasets.canonicalPayloads(n, Instant.now());
  }
}
