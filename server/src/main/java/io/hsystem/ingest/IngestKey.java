package io.hsystem.ingest;

import io.hsystem.protocol.SourceType;
import java.time.Instant;

/**
 * An ingest API key as listed (never with the secret).
 *
 * @param prefix the first characters of the key, to recognise it
 * @param assetId the asset every event of this key belongs to, or null to link by host
 */
public record IngestKey(
    long id,
    String name,
    String prefix,
    SourceType sourceType,
    Long assetId,
    Long createdBy,
    Instant createdAt,
    Instant revokedAt,
    Instant lastUsedAt) {}
