package io.hsystem.intel.internal.importer;

import io.hsystem.intel.IocType;
import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.List;

/**
 * One indicator read from an import, validated, its value canonical.
 *
 * @param confidence null takes the import's default
 * @param severity null takes the import's default
 * @param expiresAt null never expires
 */
public record Candidate(
    IocType type,
    String value,
    Integer confidence,
    Severity severity,
    List<String> tags,
    String description,
    Instant expiresAt) {}
