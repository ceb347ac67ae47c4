package io.hsystem.intel;

import java.time.Instant;

/**
 * One source of indicators and how many it holds.
 *
 * @param lastUpdated latest change of any of its indicators
 */
public record IocSourceSummary(String source, long total, long active, Instant lastUpdated) {}
