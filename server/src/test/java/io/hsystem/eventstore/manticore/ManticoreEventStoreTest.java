package io.hsystem.eventstore.manticore;

import io.hsystem.eventstore.EventStore;
import io.hsystem.eventstore.EventStoreContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

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
}
