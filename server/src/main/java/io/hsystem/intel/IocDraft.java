package io.hsystem.intel;

import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.List;

/**
 * Fields of a new or updated indicator, as the user gave them.
 *
 * @param type null detects it from the value
 * @param source null means {@code manual}
 * @param confidence null takes {@code hsystem.intel.default-confidence}
 * @param severity null means medium
 * @param expiresAt null never expires; otherwise it must lie in the future
 */
public record IocDraft(
    IocType type,
    String value,
    String source,
    Integer confidence,
    Severity severity,
    List<String> tags,
    String description,
    Instant expiresAt) {}
