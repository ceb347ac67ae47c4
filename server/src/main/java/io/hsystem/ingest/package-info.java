/**
 * Getting events in (spec §5): per-source API keys, the HTTP endpoint and the syslog listener,
 * parsing each source format, cleaning, linking events to assets, the write-ahead log that makes an
 * acknowledged event survive a crash, and the indexer that feeds the event store.
 */
@ApplicationModule(
    allowedDependencies = {"shared", "audit", "assets", "eventstore", "intel", "protocol"})
package io.hsystem.ingest;

import org.springframework.modulith.ApplicationModule;
