package io.hsystem.eventstore;

/**
 * One page of a search.
 *
 * @param query what to match
 * @param range event_time window
 * @param offset events to skip (offset + limit is at most {@link #MAX_WINDOW})
 * @param limit events to return
 * @param oldestFirst sort by event_time ascending instead of newest first
 */
public record EventSearch(
    EventQuery query, TimeRange range, int offset, int limit, boolean oldestFirst) {

  /** Deepest result reachable by paging; narrow the query or the time range beyond it. */
  public static final int MAX_WINDOW = 10_000;

  public EventSearch {
    if (offset < 0 || limit < 0 || offset + limit > MAX_WINDOW) {
      throw new IllegalArgumentException("offset + limit must be within " + MAX_WINDOW);
    }
  }
}
