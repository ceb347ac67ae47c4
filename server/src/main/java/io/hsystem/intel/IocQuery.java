package io.hsystem.intel;

/**
 * Filters and order of the indicator list; null filters mean any.
 *
 * @param text part of the value or description (case-insensitive), or an exact tag
 * @param sort null sorts by id
 */
public record IocQuery(
    IocType type, String source, String text, IocStatus status, IocSort sort, boolean descending) {}
