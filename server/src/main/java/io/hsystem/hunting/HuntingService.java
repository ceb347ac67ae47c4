package io.hsystem.hunting;

import io.hsystem.eventstore.EventQuery;
import io.hsystem.eventstore.EventSearch;
import io.hsystem.eventstore.EventStore;
import io.hsystem.eventstore.SearchResult;
import io.hsystem.eventstore.TimeCount;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.eventstore.ValueCount;
import io.hsystem.protocol.EventField;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.FieldProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Searches and aggregations over the event store, from the analyst's query language. */
@Service
public class HuntingService {

  static final int MAX_TOP = 100;
  static final int MAX_BUCKETS = 2000;

  private final EventStore store;

  HuntingService(EventStore store) {
    this.store = store;
  }

  /** One page of events matching the hunt, newest first unless asked otherwise. */
  public SearchResult search(Hunt hunt) {
    EventQuery query = parse(hunt.query());
    long offset = (long) (hunt.page() - 1) * hunt.size();
    if (offset + hunt.size() > EventSearch.MAX_WINDOW) {
      throw ApiException.badField(
          "page",
          "results beyond the first "
              + EventSearch.MAX_WINDOW
              + " cannot be paged to: narrow the query or the time range");
    }
    return run(
        () ->
            store.search(
                new EventSearch(
                    query, hunt.range(), (int) offset, hunt.size(), hunt.oldestFirst())));
  }

  /** The most frequent values of a field among matching events. */
  public List<ValueCount> topValues(String query, TimeRange range, String fieldName, int limit) {
    EventField field = field(fieldName);
    if (limit < 1 || limit > MAX_TOP) {
      throw ApiException.badField("limit", "must be between 1 and " + MAX_TOP);
    }
    EventQuery parsed = parse(query);
    return run(() -> store.topValues(field, parsed, range, limit));
  }

  /** Matching events per time bucket. */
  public List<TimeCount> histogram(String query, TimeRange range, Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw ApiException.badField("interval", "must be a positive duration such as 1h or 5m");
    }
    if (range.from() != null
        && range.to() != null
        && Duration.between(range.from(), range.to()).dividedBy(interval) > MAX_BUCKETS) {
      throw ApiException.badField(
          "interval", "gives more than " + MAX_BUCKETS + " buckets: choose a wider one");
    }
    EventQuery parsed = parse(query);
    return run(() -> store.histogram(parsed, range, interval));
  }

  /** Parses a query, as a 400 naming the position when it is wrong. */
  public static EventQuery parse(String query) {
    try {
      return HuntingQueryParser.parse(query);
    } catch (QuerySyntaxException e) {
      throw new ApiException(
          HuntingProblem.QUERY_SYNTAX,
          "query: " + e.getMessage(),
          List.of(new FieldProblem("query", e.getMessage())),
          Map.of("position", e.position()));
    }
  }

  private static EventField field(String name) {
    EventField field = name == null ? null : EventField.byName(name);
    if (field == null || field == EventField.RAW) {
      throw ApiException.badField("field", "is not a searchable event field");
    }
    return field;
  }

  private static <T> T run(java.util.function.Supplier<T> search) {
    try {
      return search.get();
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          HuntingProblem.QUERY_INVALID,
          "query: " + e.getMessage(),
          List.of(new FieldProblem("query", e.getMessage())),
          Map.of());
    }
  }
}
