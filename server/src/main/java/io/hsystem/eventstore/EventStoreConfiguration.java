package io.hsystem.eventstore;

import io.hsystem.eventstore.lucene.LuceneEventStore;
import io.hsystem.eventstore.manticore.ManticoreEventStore;
import io.hsystem.shared.DataDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the configured event store backend. */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

  @Bean(destroyMethod = "close")
  EventStore eventStore(EventStoreProperties properties, DataDirectory data) {
    return switch (properties.backend()) {
      case "lucene" ->
          new LuceneEventStore(
              data.resolve("events").resolve("lucene"),
              properties.refreshInterval(),
              properties.ramBufferMb());
      case "manticore" ->
          new ManticoreEventStore(
              properties.manticoreHost(),
              properties.manticorePort(),
              properties.manticoreIndex(),
              java.time.Duration.ofSeconds(30));
      default ->
          throw new IllegalStateException(
              "unknown hsystem.eventstore.backend '"
                  + properties.backend()
                  + "' (lucene, manticore)");
    };
  }
}
