package io.hsystem.eventstore.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;

/**
 * The events that arrived on one UTC day: their own index folder with one writer and one searcher
 * manager, so that retention drops whole days. The span of {@code event_time} inside is tracked so
 * that searches skip partitions outside their time range.
 */
final class Partition implements AutoCloseable {

  static final String CHECKPOINT_KEY = "checkpoint";
  private static final String EVENT_TIME = io.hsystem.protocol.EventField.EVENT_TIME.fieldName();

  final LocalDate day;
  final Path path;
  final FSDirectory directory;
  final IndexWriter writer;
  final SearcherManager searchers;
  volatile boolean dirty;
  private long minTime = Long.MAX_VALUE;
  private long maxTime = Long.MIN_VALUE;

  private Partition(LocalDate day, Path path, FSDirectory directory, IndexWriter writer)
      throws IOException {
    this.day = day;
    this.path = path;
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
    IndexSearcher searcher = searchers.acquire();
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        PointValues points = leaf.reader().getPointValues(EVENT_TIME);
        if (points != null) {
          widen(
              LongPoint.decodeDimension(points.getMinPackedValue(), 0),
              LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
        }
      }
    } finally {
      searchers.release(searcher);
    }
  }

  /** Records that events from {@code min} to {@code max} (epoch millis) were added. */
  synchronized void widen(long min, long max) {
    minTime = Math.min(minTime, min);
    maxTime = Math.max(maxTime, max);
  }

  /** True when events of {@code [from, to)} (epoch millis) may be in this partition. */
  synchronized boolean overlaps(long from, long to) {
    return minTime < to && maxTime >= from;
  }

  /** True when every event in this partition is older than {@code cutoff}. */
  synchronized boolean olderThan(long cutoff) {
    return maxTime < cutoff;
  }

  static Partition open(LocalDate day, Path path, Analyzer words, double ramBufferMb)
      throws IOException {
    FSDirectory directory = FSDirectory.open(path);
    IndexWriterConfig config =
        new IndexWriterConfig(words)
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
            .setRAMBufferSizeMB(ramBufferMb)
            .setCommitOnClose(false);
    return new Partition(day, path, directory, new IndexWriter(directory, config));
  }

  /** The checkpoint of this partition's last commit, 0 when it has none. */
  long committedCheckpoint() {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> entry : data) {
        if (entry.getKey().equals(CHECKPOINT_KEY)) {
          return Long.parseLong(entry.getValue());
        }
      }
    }
    return 0;
  }

  void commit(long checkpoint) throws IOException {
    writer.setLiveCommitData(Map.of(CHECKPOINT_KEY, Long.toString(checkpoint)).entrySet(), true);
    writer.commit();
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.rollback(); // drops what was not committed, exactly as a crash would
    directory.close();
  }
}
