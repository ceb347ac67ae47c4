package io.hsystem.ingest.internal;

import io.hsystem.eventstore.EventStore;
import io.hsystem.ingest.IngestListener;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From accepted batches to the event store: {@link #submit} logs a batch durably and queues it; one
 * indexer thread appends queued batches to the store and commits it every {@code commitInterval},
 * after which the log drops what the store holds. A second thread tells the {@link IngestListener}s
 * (detection) of every logged batch in log order, without waiting for indexing; the log keeps what
 * they were not told yet. On start the log is replayed from the store's durable checkpoint into the
 * store, and from the listeners' recorded checkpoint to them, so nothing acknowledged is lost to a
 * crash.
 *
 * <p>Backpressure: when more than {@code maxPending} events wait for the indexer or the listeners,
 * new batches are refused ({@link Overloaded}) before anything is logged.
 */
public final class IndexingPipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IndexingPipeline.class);
  private static final int INDEX_CHUNK = 5000;

  private final EventStore store;
  private final List<IngestListener> listeners;
  private static final String TOLD_FILE = "listeners.checkpoint";
  private final LinkedBlockingQueue<Batch> toTell = new LinkedBlockingQueue<>();
  private final AtomicLong untold = new AtomicLong();
  private volatile long told;
  private Thread teller;
  private final WriteAheadLog wal;
  private final int maxPending;
  private final long commitNanos;
  private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong logged = new AtomicLong();
  private final AtomicLong indexed = new AtomicLong();
  private final Object submitLock = new Object();
  private volatile boolean running;
  private Thread indexer;

  /** Raised when the indexer is too far behind to take more. */
  public static final class Overloaded extends RuntimeException {
    Overloaded(long pending) {
      super(pending + " events are waiting to be indexed", null, false, false);
    }
  }

  private record Batch(List<Event> events, long lastSequence) {}

  public IndexingPipeline(
      EventStore store,
      WriteAheadLog wal,
      int maxPending,
      Duration commitInterval,
      List<IngestListener> listeners) {
    this.listeners = List.copyOf(listeners);
    this.store = store;
    this.wal = wal;
    this.maxPending = maxPending;
    this.commitNanos = commitInterval.toNanos();
  }

  /**
   * Replays what the store lost and what the listeners were not told, then starts indexing and
   * telling.
   */
  public void start() {
    long from = store.durableCheckpoint();
    long[] replayed = {0};
    wal.replay(
        from,
        INDEX_CHUNK,
        entries -> {
          store.append(decode(entries), entries.get(entries.size() - 1).sequence());
          replayed[0] += entries.size();
        });
    if (replayed[0] > 0) {
      store.commit();
      log.info("replayed {} logged events the event store had not made durable", replayed[0]);
    }
    if (!listeners.isEmpty()) {
      long toldFrom = readToldCheckpoint(from);
      long[] retold = {0};
      wal.replay(
          toldFrom,
          INDEX_CHUNK,
          entries -> {
            tell(decode(entries));
            retold[0] += entries.size();
          });
      told = wal.lastSequence();
      writeToldCheckpoint(told);
      if (retold[0] > 0) {
        log.info("told listeners again of {} logged events they may have missed", retold[0]);
      }
    }
    wal.truncateUpTo(trimmable());
    running = true;
    indexer = new Thread(this::run, "ingest-indexer");
    indexer.setDaemon(true);
    indexer.start();
    if (!listeners.isEmpty()) {
      teller = new Thread(this::tellLoop, "ingest-listeners");
      teller.setDaemon(true);
      teller.start();
    }
  }

  private static List<Event> decode(List<WriteAheadLog.Entry> entries) {
    List<Event> events = new ArrayList<>(entries.size());
    for (WriteAheadLog.Entry entry : entries) {
      events.add(EventCodec.decode(entry.payload()));
    }
    return events;
  }

  /**
   * Logs the batch durably (it survives a crash once this returns) and queues it for indexing.
   *
   * @throws Overloaded when the indexer is too far behind; nothing was logged
   */
  public void submit(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    long waiting = Math.max(pending.get(), untold.get());
    if (waiting > 0 && waiting + events.size() > maxPending) {
      throw new Overloaded(waiting);
    }
    List<byte[]> payloads = new ArrayList<>(events.size());
    for (Event event : events) {
      payloads.add(EventCodec.encode(event));
    }
    synchronized (submitLock) {
      long last = wal.append(payloads);
      logged.addAndGet(events.size());
      pending.addAndGet(events.size());
      queue.add(new Batch(events, last));
      if (!listeners.isEmpty()) {
        // listeners are told on their own thread, so that an indexing backlog does not delay
        // detection (the events are durable in the log already)
        untold.addAndGet(events.size());
        toTell.add(new Batch(events, last));
      }
    }
  }

  /** Events accepted (durably logged) since start. */
  public long logged() {
    return logged.get();
  }

  /** Events logged but not yet in the store. */
  public long pending() {
    return pending.get();
  }

  /** Events appended to the store since start. */
  public long indexed() {
    return indexed.get();
  }

  private void run() {
    long lastCommit = System.nanoTime();
    List<Batch> drained = new ArrayList<>();
    while (running || !queue.isEmpty() || !drained.isEmpty()) {
      try {
        if (drained.isEmpty()) {
          Batch first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first != null) {
            drained.add(first);
            int count = first.events().size();
            Batch next;
            while (count < INDEX_CHUNK && (next = queue.poll()) != null) {
              drained.add(next);
              count += next.events().size();
            }
          }
        }
        if (!drained.isEmpty()) {
          List<Event> events = new ArrayList<>();
          for (Batch b : drained) {
            events.addAll(b.events());
          }
          store.append(events, drained.get(drained.size() - 1).lastSequence());
          pending.addAndGet(-events.size());
          indexed.addAndGet(events.size());
          drained.clear();
        }
        if (System.nanoTime() - lastCommit >= commitNanos) {
          commitAndTrim();
          lastCommit = System.nanoTime();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // the batches stay in hand (and in the log): retry until the store takes them
        log.error("indexing failed; retrying in 1 s", e);
        sleepQuietly();
      }
    }
  }

  private void tellLoop() {
    while (running || !toTell.isEmpty()) {
      Batch batch;
      try {
        batch = toTell.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (batch != null) {
        tell(batch.events());
        told = batch.lastSequence();
        untold.addAndGet(-batch.events().size());
      }
    }
  }

  /** The log may drop what the store holds durably and every listener was told of. */
  private long trimmable() {
    long durable = store.durableCheckpoint();
    return listeners.isEmpty() ? durable : Math.min(durable, told);
  }

  private long readToldCheckpoint(long fallback) {
    java.nio.file.Path file = wal.directory().resolve(TOLD_FILE);
    try {
      return java.nio.file.Files.exists(file)
          ? Long.parseLong(java.nio.file.Files.readString(file).trim())
          : fallback;
    } catch (java.io.IOException | NumberFormatException e) {
      log.warn("cannot read {}; telling listeners from the store's checkpoint", file);
      return fallback;
    }
  }

  private void writeToldCheckpoint(long sequence) {
    java.nio.file.Path file = wal.directory().resolve(TOLD_FILE);
    java.nio.file.Path tmp = wal.directory().resolve(TOLD_FILE + ".tmp");
    try {
      java.nio.file.Files.writeString(tmp, Long.toString(sequence));
      java.nio.file.Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      log.warn("cannot record the listeners' checkpoint: {}", e.toString());
    }
  }

  private void tell(List<Event> events) {
    for (IngestListener listener : listeners) {
      try {
        listener.indexed(events);
      } catch (RuntimeException e) {
        // the events are stored; a failing listener must not make the indexer retry them
        log.error("ingest listener {} failed", listener.getClass().getSimpleName(), e);
      }
    }
  }

  private void commitAndTrim() {
    store.commit();
    if (!listeners.isEmpty()) {
      // not fsynced: after a power loss listeners are told from an older point, never a newer one
      writeToldCheckpoint(told);
    }
    wal.truncateUpTo(trimmable());
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Indexes what is queued, commits and closes the log. */
  @Override
  public void close() {
    running = false;
    if (teller != null) {
      try {
        teller.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (indexer != null) {
      try {
        indexer.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      commitAndTrim();
    } finally {
      wal.close();
    }
  }
}
