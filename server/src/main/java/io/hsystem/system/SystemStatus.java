package io.hsystem.system;

import java.time.Instant;
import java.util.Map;

/**
 * What {@code GET /api/v1/system/status} shows: versions, uptime, sizes on disk, ingest rate, queue
 * depths and retention settings.
 *
 * @param schemaVersion the latest database migration applied
 * @param ingestRatePerSecond events accepted per second over about the last minute
 * @param disk bytes on disk per store: {@code database}, {@code event_store}, {@code ingest_log},
 *     {@code backups} (null when unknown, e.g. an external database the user cannot size)
 * @param queues {@code ingest_pending} (events), {@code detection} (batches), {@code notifications}
 *     (messages)
 * @param retentionDays {@code events}, {@code alerts}, {@code audit}
 */
public record SystemStatus(
    String version,
    String javaVersion,
    String databaseVersion,
    String schemaVersion,
    String eventStore,
    Instant startedAt,
    long uptimeSeconds,
    double ingestRatePerSecond,
    long eventsAcceptedSinceStart,
    Map<String, Long> disk,
    Map<String, Long> queues,
    Map<String, Integer> retentionDays) {}
