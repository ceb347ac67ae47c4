package io.hsystem.eventstore.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;

/**
 * One day of events: its own index folder with one writer and one searcher manager, so that
 * retention drops whole days.
 */
final class Partition implements AutoCloseable {

  static final String CHECKPOINT_KEY = "checkpoint";

  final LocalDate day;
  final Path path;
  final FSDirectory directory;
  final IndexWriter writer;
  final SearcherManager searchers;
  volatile boolean dirty;

  private Partition(LocalDate day, Path path, FSDirectory directory, IndexWriter writer)
      throws IOException {
    this.day = day;
    this.path = path;
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
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
