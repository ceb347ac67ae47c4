package io.hsystem.system;

import java.time.Instant;

/**
 * A verified backup waiting for the next start to be applied.
 *
 * @param backupId the backup's id
 * @param createdAt when the backup was made
 * @param tables how many tables it restores
 * @param rows how many rows in all
 * @param files how many key and configuration files
 */
public record RestoreStatus(
    String backupId,
    Instant createdAt,
    int tables,
    long rows,
    int files,
    boolean restartRequired) {}
