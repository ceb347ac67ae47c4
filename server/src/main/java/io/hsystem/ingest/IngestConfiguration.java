package io.hsystem.ingest;

import io.hsystem.assets.AssetService;
import io.hsystem.eventstore.EventStore;
import io.hsystem.ingest.internal.AssetLinker;
import io.hsystem.ingest.internal.IndexingPipeline;
import io.hsystem.ingest.internal.SyslogListener;
import io.hsystem.ingest.internal.WriteAheadLog;
import io.hsystem.shared.DataDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** The write-ahead log, the indexing pipeline (replayed on start) and the asset linker. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean(destroyMethod = "close")
  IndexingPipeline indexingPipeline(
      EventStore store,
      DataDirectory data,
      IngestProperties properties,
      java.util.List<IngestListener> listeners) {
    WriteAheadLog wal =
        new WriteAheadLog(data.resolve("ingest").resolve("wal"), properties.walSegmentBytes());
    IndexingPipeline pipeline =
        new IndexingPipeline(
            store, wal, properties.maxPendingEvents(), properties.commitInterval(), listeners);
    pipeline.start();
    return pipeline;
  }

  /** Off when {@code hsystem.ingest.syslog-port} is 0. */
  @Bean(destroyMethod = "close")
  @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression(
      "${hsystem.ingest.syslog-port:5514} > 0")
  SyslogListener syslogListener(
      IngestService ingest, IngestProperties properties, java.time.Clock clock)
      throws java.io.IOException {
    SyslogListener listener =
        new SyslogListener(
            events ->
                ingest.ingestParsed(events, io.hsystem.protocol.SourceType.SYSLOG, clock.instant()),
            clock,
            properties.syslogMaxConnections());
    listener.start(properties.syslogBind(), properties.syslogPort());
    return listener;
  }

  @Bean
  AssetLinker assetLinker(AssetService assets) {
    return new AssetLinker(assets);
  }

  @Bean
  CheckinFlusher checkinFlusher(AssetLinker linker) {
    return new CheckinFlusher(linker);
  }

  /** Writes collected asset check-ins every few seconds. */
  static final class CheckinFlusher {
    private final AssetLinker linker;

    CheckinFlusher(AssetLinker linker) {
      this.linker = linker;
    }

    @Scheduled(fixedDelayString = "${hsystem.ingest.checkin-flush-interval:5s}")
    void flush() {
      linker.flushCheckins();
    }
  }
}
