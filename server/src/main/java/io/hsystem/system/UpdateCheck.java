package io.hsystem.system;

import java.time.Instant;

/**
 * What an update check found.
 *
 * @param targetVersion the newer version available, or null
 * @param updateSizeBytes its download size, 0 when none
 * @param source {@code upload} or {@code url}, null when none
 */
public record UpdateCheck(
    String currentVersion,
    String targetVersion,
    long updateSizeBytes,
    String releaseNotes,
    Instant publishedAt,
    String source) {}
