package io.hsystem.eventstore.lucene;

import io.hsystem.eventstore.EventQuery;
import io.hsystem.eventstore.EventSearch;
import io.hsystem.eventstore.EventStore;
import io.hsystem.eventstore.SearchResult;
import io.hsystem.eventstore.TimeCount;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.eventstore.ValueCount;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded event store: one Lucene index per UTC day of arrival ({@code ingest_time}) under one
 * folder, so that live ingest writes one index whatever times the events carry (an event time is
 * the sender's word: a skewed clock or a hostile sensor must not open thousands of indexes).
 * Searches span the partitions whose {@code event_time} span meets the time range; retention
 * deletes whole partitions once all their events are past the cutoff (ADR 008). A background task
 * refreshes searchers every {@code refreshInterval}, so new events are searchable within it.
 *
 * <p>The durable checkpoint is kept in a small file written after every partition has committed. A
 * crash between those two steps leaves partitions holding events past the recorded checkpoint;
 * appends up to the highest checkpoint any partition holds therefore replace by event id instead of
 * adding, so the replay after a crash never duplicates.
 */
public final class LuceneEventStore implements EventStore {

  private static final Logger log = LoggerFactory.getLogger(LuceneEventStore.class);
  private static final String CHECKPOINT_FILE = "checkpoint";
  private static final String EVENT_TIME = EventField.EVENT_TIME.fieldName();

  private final Path root;
  private final double ramBufferMb;
  private final WordAnalyzer words = new WordAnalyzer();
  private final LuceneQueries queries = new LuceneQueries(words);
  private final ConcurrentSkipListMap<LocalDate, Partition> partitions =
      new ConcurrentSkipListMap<>();
  private final ScheduledExecutorService refresher;
  private static final int PARALLEL_THRESHOLD = 2000;
  private final java.util.concurrent.ExecutorService indexers =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "eventstore-index");
            t.setDaemon(true);
            return t;
          });
  private final Object lifecycle = new Object();
  private volatile long appendedCheckpoint;
  private volatile long durableCheckpoint;
  private final long replaceUpTo;

  /**
   * Opens (creating when needed) the store in {@code root}.
   *
   * @param refreshInterval how soon appended events become searchable
   * @param ramBufferMb indexing buffer of each day's writer
   */
  public LuceneEventStore(Path root, Duration refreshInterval, double ramBufferMb) {
    this.root = root;
    this.ramBufferMb = ramBufferMb;
    try {
      Files.createDirectories(root);
      long highest = 0;
      try (Stream<Path> dirs = Files.list(root)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          LocalDate day;
          try {
            day = LocalDate.parse(dir.getFileName().toString());
          } catch (DateTimeParseException notAPartition) {
            continue;
          }
          Partition partition = Partition.open(day, dir, words, ramBufferMb);
          partitions.put(day, partition);
          highest = Math.max(highest, partition.committedCheckpoint());
        }
      }
      this.durableCheckpoint = readCheckpoint();
      this.appendedCheckpoint = durableCheckpoint;
      this.replaceUpTo = highest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the event store in " + root, e);
    }
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "eventstore-refresh");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(50, refreshInterval.toMillis());
    refresher.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void append(List<Event> events, long checkpoint) {
    for (Event event : events) {
      if (event.getTime(EventField.EVENT_TIME) == null || !event.has(EventField.EVENT_ID)) {
        throw new IllegalArgumentException("events need event_id and event_time");
      }
    }
    boolean replace = checkpoint <= replaceUpTo;
    if (events.size() >= PARALLEL_THRESHOLD) {
      // IndexWriter indexes concurrently (one segment buffer per thread): use both cores
      int half = events.size() / 2;
      Future<?> other = indexers.submit(() -> index(events.subList(half, events.size()), replace));
      index(events.subList(0, half), replace);
      try {
        other.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while indexing", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new IllegalStateException(e.getCause());
      }
    } else {
      index(events, replace);
    }
    synchronized (lifecycle) {
      appendedCheckpoint = Math.max(appendedCheckpoint, checkpoint);
    }
  }

  private void index(List<Event> events, boolean replace) {
    Map<LocalDate, List<Event>> byDay = new HashMap<>();
    for (Event event : events) {
      Instant arrival = event.getTime(EventField.INGEST_TIME);
      Instant day = arrival != null ? arrival : event.getTime(EventField.EVENT_TIME);
      byDay
          .computeIfAbsent(LocalDate.ofInstant(day, ZoneOffset.UTC), d -> new ArrayList<>())
          .add(event);
    }
    try {
      for (Map.Entry<LocalDate, List<Event>> entry : byDay.entrySet()) {
        Partition partition = partition(entry.getKey());
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Event event : entry.getValue()) {
          long time = event.getTime(EventField.EVENT_TIME).toEpochMilli();
          min = Math.min(min, time);
          max = Math.max(max, time);
        }
        // widened before the documents are added, so that no refresh shows them unselectable
        partition.widen(min, max);
        if (replace) {
          for (Event event : entry.getValue()) {
            partition.writer.updateDocument(
                new Term(
                    EventField.EVENT_ID.fieldName(),
                    LuceneFields.lower(event.getString(EventField.EVENT_ID))),
                LuceneDocuments.toDocument(event));
          }
        } else {
          List<Document> docs = new ArrayList<>(entry.getValue().size());
          for (Event event : entry.getValue()) {
            docs.add(LuceneDocuments.toDocument(event));
          }
          partition.writer.addDocuments(docs);
        }
        partition.dirty = true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index events", e);
    }
  }

  @Override
  public void commit() {
    synchronized (lifecycle) {
      long checkpoint = appendedCheckpoint;
      if (checkpoint == durableCheckpoint) {
        return;
      }
      try {
        for (Partition partition : partitions.values()) {
          partition.commit(checkpoint);
        }
        writeCheckpoint(checkpoint);
        durableCheckpoint = checkpoint;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot commit the event store", e);
      }
    }
  }

  @Override
  public long durableCheckpoint() {
    return durableCheckpoint;
  }

  @Override
  public void refresh() {
    try {
      for (Partition partition : partitions.values()) {
        partition.dirty = false;
        partition.searchers.maybeRefreshBlocking();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh the event store", e);
    }
  }

  private void refreshQuietly() {
    try {
      for (Partition partition : partitions.values()) {
        if (partition.dirty) {
          partition.dirty = false;
          partition.searchers.maybeRefresh();
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("event store refresh failed: {}", e.toString());
    }
  }

  @Override
  public SearchResult search(EventSearch search) {
    Query query = queries.translate(search.query(), search.range());
    return withSearcher(
        search.range(),
        searcher -> {
          int window = Math.max(1, search.offset() + search.limit());
          Sort sort =
              new Sort(new SortField(EVENT_TIME, SortField.Type.LONG, !search.oldestFirst()));
          TopFieldDocs top =
              searcher.search(
                  query, new TopFieldCollectorManager(sort, window, null, Integer.MAX_VALUE));
          List<Event> events = new ArrayList<>();
          StoredFields stored = searcher.storedFields();
          ScoreDoc[] hits = top.scoreDocs;
          for (int i = search.offset();
              i < Math.min(hits.length, search.offset() + search.limit());
              i++) {
            Document doc = stored.document(hits[i].doc, java.util.Set.of(LuceneFields.SOURCE));
            events.add(LuceneDocuments.fromSource(doc.getBinaryValue(LuceneFields.SOURCE)));
          }
          return new SearchResult(top.totalHits.value, events);
        },
        new SearchResult(0, List.of()));
  }

  @Override
  public List<ValueCount> topValues(
      EventField field, EventQuery query, TimeRange range, int limit) {
    if (field.kind() == FieldKind.STORED) {
      throw new IllegalArgumentException(field.fieldName() + " cannot be counted");
    }
    Query lucene = queries.translate(query, range);
    Map<String, Long> counts =
        withSearcher(
            range,
            searcher -> {
              Map<String, Long> result = new HashMap<>();
              searcher.search(lucene, new ValueCounter(field, result));
              return result;
            },
            Map.of());
    return counts.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .map(e -> new ValueCount(e.getKey(), e.getValue()))
        .toList();
  }

  @Override
  public List<TimeCount> histogram(EventQuery query, TimeRange range, Duration bucket) {
    long width = bucket.toMillis();
    if (width <= 0) {
      throw new IllegalArgumentException("the bucket must be positive");
    }
    Query lucene = queries.translate(query, range);
    TreeMap<Long, Long> counts =
        withSearcher(
            range,
            searcher -> {
              TreeMap<Long, Long> result = new TreeMap<>();
              searcher.search(lucene, new TimeBucketer(width, result));
              return result;
            },
            new TreeMap<>());
    return counts.entrySet().stream()
        .map(e -> new TimeCount(Instant.ofEpochMilli(e.getKey() * width), e.getValue()))
        .toList();
  }

  @Override
  public long deleteBefore(Instant cutoff) {
    long cutoffMillis = cutoff.toEpochMilli();
    long deleted = 0;
    try {
      for (Partition partition : new ArrayList<>(partitions.values())) {
        if (partition.olderThan(cutoffMillis)) {
          partitions.remove(partition.day);
          deleted += countOf(partition);
          partition.close();
          deleteRecursively(partition.path);
          log.info("event retention removed the partition of {}", partition.day);
        } else if (partition.overlaps(Long.MIN_VALUE, cutoffMillis)) {
          Query older = LongPoint.newRangeQuery(EVENT_TIME, Long.MIN_VALUE, cutoffMillis - 1);
          IndexSearcher searcher = partition.searchers.acquire();
          try {
            deleted += searcher.count(older);
          } finally {
            partition.searchers.release(searcher);
          }
          partition.writer.deleteDocuments(older);
          partition.dirty = true;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("event retention failed", e);
    }
    return deleted;
  }

  @Override
  public long count() {
    long total = 0;
    for (Partition partition : partitions.values()) {
      total += countOf(partition);
    }
    return total;
  }

  @Override
  public long sizeOnDisk() {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    indexers.shutdownNow();
    synchronized (lifecycle) {
      for (Partition partition : partitions.values()) {
        try {
          partition.close();
        } catch (IOException e) {
          log.warn("closing the partition of {} failed: {}", partition.day, e.toString());
        }
      }
      partitions.clear();
    }
  }

  private Partition partition(LocalDate day) throws IOException {
    Partition existing = partitions.get(day);
    if (existing != null) {
      return existing;
    }
    synchronized (lifecycle) {
      existing = partitions.get(day);
      if (existing == null) {
        existing = Partition.open(day, root.resolve(day.toString()), words, ramBufferMb);
        partitions.put(day, existing);
      }
      return existing;
    }
  }

  private long countOf(Partition partition) {
    try {
      IndexSearcher searcher = partition.searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        partition.searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface SearchWork<T> {
    T run(IndexSearcher searcher) throws IOException;
  }

  /** Runs the work on one searcher over the day partitions the range touches. */
  private <T> T withSearcher(TimeRange range, SearchWork<T> work, T none) {
    List<Map.Entry<Partition, IndexSearcher>> acquired = new ArrayList<>();
    try {
      for (Partition partition : selected(range)) {
        acquired.add(Map.entry(partition, partition.searchers.acquire()));
      }
      if (acquired.isEmpty()) {
        return none;
      }
      IndexReader[] readers =
          acquired.stream().map(e -> e.getValue().getIndexReader()).toArray(IndexReader[]::new);
      try (MultiReader reader = new MultiReader(readers, false)) {
        return work.run(new IndexSearcher(reader));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("event search failed", e);
    } finally {
      for (Map.Entry<Partition, IndexSearcher> entry : acquired) {
        try {
          entry.getKey().searchers.release(entry.getValue());
        } catch (IOException e) {
          log.warn("releasing a searcher failed: {}", e.toString());
        }
      }
    }
  }

  private java.util.Collection<Partition> selected(TimeRange range) {
    if (range == null || (range.from() == null && range.to() == null)) {
      return partitions.values();
    }
    long from = range.from() == null ? Long.MIN_VALUE : range.from().toEpochMilli();
    long to = range.to() == null ? Long.MAX_VALUE : range.to().toEpochMilli();
    return partitions.values().stream().filter(p -> p.overlaps(from, to)).toList();
  }

  private long readCheckpoint() throws IOException {
    Path file = root.resolve(CHECKPOINT_FILE);
    if (!Files.exists(file)) {
      return 0;
    }
    return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
  }

  private void writeCheckpoint(long checkpoint) throws IOException {
    Path tmp = root.resolve(CHECKPOINT_FILE + ".tmp");
    try (var channel =
        java.nio.channels.FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(
          java.nio.ByteBuffer.wrap(Long.toString(checkpoint).getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    Files.move(
        tmp,
        root.resolve(CHECKPOINT_FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Counts values of one field over the matching documents, reading doc values. */
  private static final class ValueCounter extends SimpleCollector {
    private final EventField field;
    private final Map<String, Long> counts;
    private SortedDocValues strings;
    private NumericDocValues numbers;
    private StoredFields stored;

    ValueCounter(EventField field, Map<String, Long> counts) {
      this.field = field;
      this.counts = counts;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      if (field.kind() == FieldKind.NUMBER || field.kind() == FieldKind.TIME) {
        numbers = context.reader().getNumericDocValues(field.fieldName());
      } else if (LuceneDocuments.AGGREGATED.contains(field)) {
        strings = context.reader().getSortedDocValues(field.fieldName());
      } else {
        stored = context.reader().storedFields();
      }
    }

    @Override
    public void collect(int doc) throws IOException {
      String value = null;
      if (numbers != null && numbers.advanceExact(doc)) {
        long n = numbers.longValue();
        value =
            field.kind() == FieldKind.TIME ? Instant.ofEpochMilli(n).toString() : Long.toString(n);
      } else if (strings != null && strings.advanceExact(doc)) {
        BytesRef bytes = strings.lookupOrd(strings.ordValue());
        value = bytes.utf8ToString();
      } else if (stored != null) {
        Document source = stored.document(doc, java.util.Set.of(LuceneFields.SOURCE));
        value =
            LuceneDocuments.fromSource(source.getBinaryValue(LuceneFields.SOURCE)).getString(field);
      }
      if (value != null) {
        counts.merge(value, 1L, Long::sum);
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  /** Counts matching documents per fixed-width time bucket. */
  private static final class TimeBucketer extends SimpleCollector {
    private final long width;
    private final Map<Long, Long> counts;
    private NumericDocValues times;

    TimeBucketer(long width, Map<Long, Long> counts) {
      this.width = width;
      this.counts = counts;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      times = context.reader().getNumericDocValues(EVENT_TIME);
    }

    @Override
    public void collect(int doc) throws IOException {
      if (times != null && times.advanceExact(doc)) {
        counts.merge(Math.floorDiv(times.longValue(), width), 1L, Long::sum);
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
