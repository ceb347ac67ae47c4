package io.hsystem.eventstore.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.eventstore.EventQuery;
import io.hsystem.eventstore.EventSearch;
import io.hsystem.eventstore.EventStore;
import io.hsystem.eventstore.EventStoreContract;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LuceneEventStoreTest extends EventStoreContract {

  @Test
  void largeBatchesAreIndexedOnTwoThreadsWithNothingLostOrDoubled() {
    List<Event> events = new ArrayList<>();
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
    assertThat(store.count()).isEqualTo(5001);
    assertThat(
            store
                .search(
                    new EventSearch(
                        new EventQuery.Term(EventField.COMMAND_LINE, "4999"),
                        TimeRange.ALL,
                        0,
                        5,
                        false))
                .total())
        .isEqualTo(1);
  }

  @Test
  void eventsArrivingOnOneDayShareOnePartitionWhateverTimesTheyCarry() throws Exception {
    Instant arrival = Instant.parse("2026-11-29T08:00:00Z");
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      // a skewed or hostile sender: one event per day over more than a year
      Event event =
          process(
              "skew" + i,
              DAY1.minus(Duration.ofDays(i)),
              "a.exe",
              "C:\\a.exe",
              "a",
              "WS-1",
              null,
              null,
              null,
              null);
      events.add(event.set(EventField.INGEST_TIME, arrival));
    }
    store.append(events, 400);
    store.refresh();

    assertThat(partitionFolders()).containsExactly("2026-11-29");
    TimeRange oneDay =
        new TimeRange(DAY1.minus(Duration.ofDays(10)), DAY1.minus(Duration.ofDays(9)));
    assertThat(ids(new EventQuery.MatchAll(), oneDay)).containsExactly("skew10");

    // retention still goes by event time: the 100 oldest go, the partition stays
    assertThat(store.deleteBefore(DAY1.minus(Duration.ofDays(299)))).isEqualTo(100);
    store.refresh();
    assertThat(store.count()).isEqualTo(300);
    assertThat(partitionFolders()).containsExactly("2026-11-29");

    // the event-time span of a partition is known again after a restart
    store.commit();
    store.close();
    store = open(dir);
    assertThat(ids(new EventQuery.MatchAll(), oneDay)).containsExactly("skew10");
    assertThat(store.deleteBefore(DAY1.plus(Duration.ofDays(1)))).isEqualTo(300);
    assertThat(partitionFolders()).isEmpty();
  }

  private List<String> partitionFolders() throws IOException {
    try (Stream<Path> dirs = Files.list(dir.resolve("lucene"))) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
    }
  }

  @Override
  protected EventStore open(Path dir) {
    return new LuceneEventStore(dir.resolve("lucene"), Duration.ofMillis(200), 16);
  }
}
