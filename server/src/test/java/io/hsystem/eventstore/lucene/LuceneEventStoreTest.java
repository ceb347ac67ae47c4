package io.hsystem.eventstore.lucene;

import io.hsystem.eventstore.EventStore;
import io.hsystem.eventstore.EventStoreContract;
import java.nio.file.Path;
import java.time.Duration;

class LuceneEventStoreTest extends EventStoreContract {

  @Override
  protected EventStore open(Path dir) {
    return new LuceneEventStore(dir.resolve("lucene"), Duration.ofMillis(200), 16);
  }
}
