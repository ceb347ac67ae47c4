package io.hsystem.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.eventstore.EventStore;
import io.hsystem.eventstore.lucene.LuceneEventStore;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexingPipelineTest {

  @TempDir Path dir;

  private static List<Event> events(String prefix, int n) {
    List<Event> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(
          new Event()
              .set(EventField.EVENT_ID, prefix + i)
              .set(EventField.EVENT_TIME, Instant.parse("2025-08-27T14:25:03Z").plusSeconds(i))
              .set(EventField.EVENT_TYPE, "connection"));
    }
    return list;
  }

  private EventStore store() {
    return new LuceneEventStore(dir.resolve("store"), Duration.ofMillis(100), 16);
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  @Test
  void submittedBatchesReachTheStoreAndAreReplayedWhenTheStoreLostThem() throws Exception {
    EventStore store = store();
    java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.hsystem.ingest.IngestListener listener =
        events -> events.forEach(e -> told.add(e.getString(EventField.EVENT_ID)));
    IndexingPipeline pipeline =
        new IndexingPipeline(
            store,
            new WriteAheadLog(dir.resolve("wal"), 1 << 20),
            1000,
            Duration.ofHours(1),
            java.util.List.of(listener));
    pipeline.start();
    pipeline.submit(events("a", 30));
    pipeline.submit(events("b", 20));
    await(() -> pipeline.indexed() == 50);
    await(() -> told.size() == 50);
    // a crash: the store never committed (close rolls back), the log was written
    store.close();
    EventStore reopened = store();
    assertThat(reopened.durableCheckpoint()).isZero();
    IndexingPipeline restarted =
        new IndexingPipeline(
            reopened,
            new WriteAheadLog(dir.resolve("wal"), 1 << 20),
            1000,
            Duration.ofHours(1),
            java.util.List.of(listener));
    restarted.start();
    // listeners see replayed batches again, in log order
    assertThat(told).hasSize(100);
    assertThat(told.subList(50, 100)).isEqualTo(told.subList(0, 50));
    reopened.refresh();
    assertThat(reopened.count()).isEqualTo(50);
    assertThat(reopened.durableCheckpoint()).isEqualTo(50);
    restarted.close();
    reopened.close();
  }

  @Test
  void aBacklogBeyondTheLimitRefusesNewBatchesBeforeLoggingThem() throws Exception {
    EventStore real = store();
    CountDownLatch release = new CountDownLatch(1);
    EventStore slow =
        (EventStore)
            Proxy.newProxyInstance(
                EventStore.class.getClassLoader(),
                new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("append")) {
                    release.await();
                  }
                  return method.invoke(real, args);
                });
    WriteAheadLog wal = new WriteAheadLog(dir.resolve("wal"), 1 << 20);
    IndexingPipeline pipeline =
        new IndexingPipeline(slow, wal, 100, Duration.ofHours(1), java.util.List.of());
    pipeline.start();
    pipeline.submit(events("a", 60));
    pipeline.submit(events("b", 40));
    assertThatThrownBy(() -> pipeline.submit(events("c", 1)))
        .isInstanceOf(IndexingPipeline.Overloaded.class);
    assertThat(wal.lastSequence()).isEqualTo(100);
    release.countDown();
    await(() -> pipeline.pending() == 0);
    pipeline.submit(events("c", 1));
    await(() -> pipeline.indexed() == 101);
    pipeline.close();
    real.close();
  }

  @Test
  void aFailedAppendIsRetriedAndTheBacklogCountStaysRight() throws Exception {
    EventStore real = store();
    java.util.concurrent.atomic.AtomicInteger failures =
        new java.util.concurrent.atomic.AtomicInteger();
    EventStore flaky =
        (EventStore)
            Proxy.newProxyInstance(
                EventStore.class.getClassLoader(),
                new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("append") && failures.getAndIncrement() == 0) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
                  }
                  return method.invoke(real, args);
                });
    IndexingPipeline pipeline =
        new IndexingPipeline(
            flaky,
            new WriteAheadLog(dir.resolve("wal"), 1 << 20),
            1000,
            Duration.ofHours(1),
            java.util.List.of());
    pipeline.start();
    pipeline.submit(events("r", 25));
    await(() -> pipeline.indexed() == 25);
    assertThat(pipeline.pending()).isZero();
    real.refresh();
    assertThat(real.count()).isEqualTo(25);
    pipeline.close();
    real.close();
  }
}
