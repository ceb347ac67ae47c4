package io.hsystem.eventstore.manticore;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.eventstore.EventQuery.AnyField;
import io.hsystem.eventstore.EventQuery.MatchAll;
import io.hsystem.eventstore.EventQuery.Not;
import io.hsystem.eventstore.EventQuery.Phrase;
import io.hsystem.eventstore.EventQuery.Range;
import io.hsystem.eventstore.EventQuery.Term;
import io.hsystem.eventstore.EventQuery.Wildcard;
import io.hsystem.eventstore.EventSearch;
import io.hsystem.eventstore.EventStore;
import io.hsystem.eventstore.EventStoreContract;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.eventstore.ValueCount;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real searchd (Debian's sphinxsearch 2.2 standing in for Manticore). Each
 * test gets its own searchd on its own data; reopening the store restarts that searchd, so the
 * reopen test proves that data and checkpoint survive a server restart.
 */
class ManticoreEventStoreTest extends EventStoreContract {

  private Searchd searchd;
  private Path searchdHome;

  @BeforeAll
  static void searchdInstalled() {
    Searchd.requireInstalled();
  }

  @Override
  protected EventStore open(Path dir) throws Exception {
    Path home = dir.resolve("searchd");
    if (searchd != null && home.equals(searchdHome)) {
      searchd.restart();
    } else {
      searchd = Searchd.start(home);
      searchdHome = home;
    }
    return new ManticoreEventStore(
        "127.0.0.1", searchd.port(), Searchd.INDEX, Duration.ofSeconds(10));
  }

  @AfterEach
  void stopSearchd() throws Exception {
    if (store != null) {
      store.close();
    }
    if (searchd != null) {
      searchd.close();
      searchd = null;
    }
  }

  /** Attacker-controlled values are stored verbatim and found only by themselves. */
  @Test
  void hostileValuesNeitherBreakNorInjectIntoQueries() {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < EscapingTest.HOSTILE.size(); i++) {
      String s = EscapingTest.HOSTILE.get(i);
      events.add(
          new Event()
              .set(EventField.EVENT_ID, "h" + i + s)
              .set(EventField.EVENT_TIME, DAY1.plusSeconds(i))
              .set(EventField.USERNAME, s)
              .set(EventField.COMMAND_LINE, "run " + s + " now")
              .set(EventField.DST_PORT, (long) -i)
              .set(EventField.RAW, s));
    }
    store.append(events, 1);
    store.refresh();
    for (int i = 0; i < EscapingTest.HOSTILE.size(); i++) {
      String s = EscapingTest.HOSTILE.get(i);
      List<String> hits = ids(new Term(EventField.USERNAME, s));
      assertThat(hits).as(s).containsExactly("h" + i + s);
      Event e =
          store
              .search(new EventSearch(new Term(EventField.USERNAME, s), TimeRange.ALL, 0, 1, false))
              .events()
              .get(0);
      assertThat(e.getString(EventField.RAW)).isEqualTo(s);
      assertThat(ids(new Wildcard(EventField.COMMAND_LINE, "run " + s + "*")))
          .contains("h" + i + s);
    }
    assertThat(ids(new MatchAll())).hasSize(EscapingTest.HOSTILE.size());
    assertThat(ids(new Range(EventField.DST_PORT, "-3", "-1", true, true))).hasSize(3);
    assertThat(ids(new Not(new Phrase(EventField.COMMAND_LINE, "run now")))).hasSize(7);
  }

  /** Shapes without an exact phrase form are evaluated in Java, still with exact totals. */
  @Test
  void multiSegmentWildcardsAreExact() {
    load();
    assertThat(ids(new Wildcard(EventField.PATH, "c:\\*\\*32\\*.exe"))).containsExactly("e4", "e2");
    assertThat(ids(new Wildcard(EventField.PATH, "*s*s*t*.exe")))
        .containsExactly("e4", "e3", "e2", "e1");
    assertThat(ids(new AnyField("mim?k*"))).containsExactly("e3");
    assertThat(
            store.topValues(
                EventField.HOST_NAME, new Wildcard(EventField.PATH, "*\\*\\*"), TimeRange.ALL, 5))
        .contains(new ValueCount("WS-BOB", 3));
    assertThat(
            store
                .search(
                    new EventSearch(
                        new Wildcard(EventField.PATH, "*e*e*"), TimeRange.ALL, 1, 2, false))
                .total())
        .isEqualTo(7);
  }
}
