package io.hsystem.system;

import java.time.Instant;

/**
 * One backup file as listed: read from its clear header, so listing needs no key.
 *
 * @param id the file's name without extension, e.g. {@code hsystem-20261203T031500Z}
 * @param trigger {@code manual} or {@code scheduled}
 */
public record BackupInfo(
    String id,
    Instant createdAt,
    long sizeBytes,
    String productVersion,
    String schemaVersion,
    String trigger,
    String createdBy) {}
