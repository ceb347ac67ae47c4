package io.hsystem.eventstore.lucene;

import io.hsystem.eventstore.EventStore;
import io.hsystem.eventstore.EventStoreContract;
import java.nio.file.Path;
import java.time.Duration;

class LuceneEventStoreTest extends EventStoreContract {

  @org.junit.jupiter.api.Test
  void largeBatchesAreIndexedOnTwoThreadsWithNothingLostOrDoubled() {
    java.util.List<io.hsystem.protocol.Event> events = new java.util.ArrayList<>();
    for (int i = 0; i < 5001; i++) {
      events.add(
          process(
              "big" + i,
              DAY2.plusSeconds(i * 30L),
              "cmd.exe",
              "C:\\Windows\\cmd.exe",
              "cmd.exe /c echo " + i,
              "WS-" + (i % 7),
              "10.0.0." + (i % 200),
              null,
              null,
              null));
    }
    store.append(events, 5001);
    store.refresh();
    org.assertj.core.api.Assertions.assertThat(store.count()).isEqualTo(5001);
    org.assertj.core.api.Assertions.assertThat(
            store
                .search(
                    new io.hsystem.eventstore.EventSearch(
                        new io.hsystem.eventstore.EventQuery.Term(
                            io.hsystem.protocol.EventField.COMMAND_LINE, "4999"),
                        io.hsystem.eventstore.TimeRange.ALL,
                        0,
                        5,
                        false))
                .total())
        .isEqualTo(1);
  }

  @Override
  protected EventStore open(Path dir) {
    return new LuceneEventStore(dir.resolve("lucene"), Duration.ofMillis(200), 16);
  }
}
