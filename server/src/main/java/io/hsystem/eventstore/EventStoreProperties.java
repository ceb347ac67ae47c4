package io.hsystem.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event store settings ({@code hsystem.eventstore.*}; {@code HSYSTEM_EVENTSTORE} picks the
 * backend).
 *
 * @param backend {@code lucene} (embedded, default) or {@code manticore}
 * @param retentionDays events older than this are deleted daily ({@code
 *     HSYSTEM_EVENT_RETENTION_DAYS})
 * @param refreshInterval how soon new events become searchable
 * @param ramBufferMb Lucene indexing buffer per day partition
 * @param manticoreHost host of the Manticore (SphinxQL) listener
 * @param manticorePort its MySQL-protocol port
 * @param manticoreIndex name of the real-time index
 */
@ConfigurationProperties("hsystem.eventstore")
public record EventStoreProperties(
    @DefaultValue("lucene") String backend,
    @DefaultValue("90") int retentionDays,
    @DefaultValue("500ms") Duration refreshInterval,
    @DefaultValue("48") double ramBufferMb,
    @DefaultValue("127.0.0.1") String manticoreHost,
    @DefaultValue("9306") int manticorePort,
    @DefaultValue("sim_service_events") String manticoreIndex) {

  public EventStoreProperties {
    if (retentionDays < 1) {
      throw new IllegalArgumentException("hsystem.eventstore.retention-days must be at least 1");
    }
  }
}
