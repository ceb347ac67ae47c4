package io.hsystem.eventstore;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The event store: append normalised events, make them durable, search them.
 *
 * <p>Durability works with the ingest pipeline's write-ahead log: every batch comes with the log
 * position ({@code checkpoint}) of its last event; after {@link #commit()} the store reports that
 * position from {@link #durableCheckpoint()}, also after a restart, so the pipeline replays exactly
 * what the store lost in a crash. Appended events must carry {@link EventField#EVENT_ID} and {@link
 * EventField#EVENT_TIME}.
 *
 * <p>Implementations are thread-safe. One contract test suite ({@code EventStoreContract}) holds
 * every backend to the same behaviour.
 */
public interface EventStore extends AutoCloseable {

  /**
   * Adds a batch; searchable after {@link #refresh()} (backends refresh on their own within 1 s).
   */
  void append(List<Event> events, long checkpoint);

  /** Makes every appended batch durable. */
  void commit();

  /** Checkpoint of the last batch made durable by {@link #commit()}; 0 when none. */
  long durableCheckpoint();

  /** Makes appended events visible to searches now. */
  void refresh();

  SearchResult search(EventSearch search);

  /** Most frequent values of a keyword, text (whole value), IP or number field, most first. */
  List<ValueCount> topValues(EventField field, EventQuery query, TimeRange range, int limit);

  /**
   * Matching events per time bucket, buckets aligned to multiples of {@code bucket} since the
   * epoch.
   */
  List<TimeCount> histogram(EventQuery query, TimeRange range, Duration bucket);

  /** Deletes events older than the cutoff (whole day partitions where the backend has them). */
  long deleteBefore(Instant cutoff);

  /** Number of events stored (visible after the last refresh). */
  long count();

  /** Bytes the store occupies on disk, for system status. */
  long sizeOnDisk();

  @Override
  void close();
}
