package io.hsystem.assets;

import java.time.Instant;
import java.util.List;

/** An asset as the API shows it; {@code status} is the effective one. */
public record Asset(
    long id,
    String name,
    String ip,
    AssetType type,
    String os,
    AssetStatus status,
    Instant lastCheckin,
    ManagedBy managedBy,
    String hostName,
    String description,
    List<String> tags,
    Instant createdAt,
    Instant updatedAt) {}
