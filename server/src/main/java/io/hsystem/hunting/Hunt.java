package io.hsystem.hunting;

import io.hsystem.eventstore.TimeRange;

/**
 * One hunting search.
 *
 * @param query the analyst's query string (blank: everything)
 * @param range event_time window
 * @param page 1-based page
 * @param size events per page
 * @param oldestFirst sort ascending by event_time
 */
public record Hunt(String query, TimeRange range, int page, int size, boolean oldestFirst) {}
