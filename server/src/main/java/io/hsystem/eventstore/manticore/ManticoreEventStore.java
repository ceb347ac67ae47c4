package io.hsystem.eventstore.manticore;

import io.hsystem.eventstore.EventQuery;
import io.hsystem.eventstore.EventSearch;
import io.hsystem.eventstore.EventStore;
import io.hsystem.eventstore.SearchResult;
import io.hsystem.eventstore.TimeCount;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.eventstore.ValueCount;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The event store on Manticore (or its stand-in, sphinxsearch 2.2) over SphinxQL, with the layout
 * of {@link #indexConfig}. Every query shape becomes one exact full-text MATCH() over
 * per-character, per-word and trie tokens plus attribute filters; the rare wildcard shapes without
 * an exact phrase form are evaluated in Java over the time window instead. See ADR 005.
 *
 * <p>Thread-safe: one connection, used under a lock, reopened once after an I/O failure.
 */
public final class ManticoreEventStore implements EventStore {

  private static final int SCAN_PAGE = 1_000;
  private static final int INSERT_BYTES = 2 << 20;
  private static final long STATE_ID = 1;

  private final String host;
  private final int port;
  private final String index;
  private final Duration timeout;
  private final ReentrantLock lock = new ReentrantLock();
  private SphinxQlConnection connection;
  private long appendedCheckpoint;
  private long durableCheckpoint;

  /**
   * Connects to a searchd that serves {@code index} (and its {@code <index>_state} companion) as
   * configured by {@link #indexConfig}, and reads the durable checkpoint.
   *
   * @param host SphinxQL (mysql41) listener host
   * @param port SphinxQL listener port
   * @param index name of the events RT index
   * @param timeout connect and read timeout
   */
  public ManticoreEventStore(String host, int port, String index, Duration timeout) {
    if (!index.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("index names are [a-z_][a-z0-9_]*: " + index);
    }
    this.host = host;
    this.port = port;
    this.index = index;
    this.timeout = timeout;
    SphinxQlConnection.Result state =
        call(
            c ->
                c.query(
                    "SELECT id, checkpoint FROM "
                        + Schema.stateIndex(index)
                        + " WHERE id = "
                        + STATE_ID));
    durableCheckpoint =
        state.rows().isEmpty() ? 0 : Long.parseLong(state.value(state.rows().get(0), "checkpoint"));
    appendedCheckpoint = durableCheckpoint;
  }

  /**
   * The searchd.conf index blocks this store needs (sphinxsearch 2.2 cannot create RT indexes at
   * run time).
   *
   * @param index name of the events RT index
   * @param dataDir folder for the index files
   */
  public static String indexConfig(String index, Path dataDir) {
    return Schema.indexConfig(index, dataDir.toAbsolutePath().toString());
  }

  @Override
  public void append(List<Event> events, long checkpoint) {
    List<String> rows = new ArrayList<>(events.size());
    for (Event event : events) {
      rows.add(row(event));
    }
    lock.lock();
    try {
      StringBuilder sql = new StringBuilder();
      for (String row : rows) {
        if (sql.length() > 0 && sql.length() + row.length() > INSERT_BYTES) {
          String statement = sql.toString();
          call(c -> c.query(statement));
          sql.setLength(0);
        }
        sql.append(sql.length() == 0 ? insertHead() : ",").append(row);
      }
      if (sql.length() > 0) {
        String statement = sql.toString();
        call(c -> c.query(statement));
      }
      appendedCheckpoint = checkpoint;
    } finally {
      lock.unlock();
    }
  }

  private String insertHead() {
    List<String> columns = new ArrayList<>(List.of("id", Schema.HAS, Schema.NUM));
    for (EventField field : EventField.ALL) {
      if (field.isString()) {
        columns.add(Schema.valueField(field));
      }
      if (field.kind() == FieldKind.TEXT) {
        columns.add(Schema.wordsField(field));
      }
    }
    columns.add(EventField.EVENT_TIME.fieldName());
    columns.add(Schema.EVENT_MS);
    for (EventField field : EventField.ALL) {
      if (Schema.attribute(field) != null) {
        columns.add(Schema.attribute(field));
      }
    }
    columns.add(Schema.STORED);
    return "REPLACE INTO " + index + " (" + String.join(", ", columns) + ") VALUES ";
  }

  /** The VALUES tuple of one event, in {@link #insertHead()} column order. */
  private static String row(Event event) {
    String eventId = event.getString(EventField.EVENT_ID);
    Instant time = event.getTime(EventField.EVENT_TIME);
    if (eventId == null || time == null) {
      throw new IllegalArgumentException("events need event_id and event_time: " + event);
    }
    List<String> has = new ArrayList<>(List.of(Schema.ALL_TOKEN));
    List<String> num = new ArrayList<>();
    event.forEach(
        (field, value) -> {
          has.add(Schema.presentToken(field));
          if (field.kind() == FieldKind.NUMBER
              || field.kind() == FieldKind.TIME
              || field.kind() == FieldKind.IP) {
            num.addAll(Ordered.indexTokens(field, Ordered.of(field, value)));
          }
        });
    List<String> values = new ArrayList<>();
    values.add(Long.toString(StoredEvents.documentId(eventId)));
    values.add(SphinxQl.literal(String.join(" ", has)));
    values.add(SphinxQl.literal(String.join(" ", num)));
    for (EventField field : EventField.ALL) {
      String value = field.isString() ? event.getString(field) : null;
      if (field.isString()) {
        values.add(SphinxQl.literal(value == null ? "" : Tokens.valueText(value)));
      }
      if (field.kind() == FieldKind.TEXT) {
        List<String> words = value == null ? List.of() : Tokens.words(value);
        values.add(SphinxQl.literal(words.isEmpty() ? "" : Tokens.wordsText(words)));
      }
    }
    long millis = time.toEpochMilli();
    values.add(Long.toString(Math.max(0, Math.floorDiv(millis, 1000))));
    values.add(Long.toString(millis));
    for (EventField field : EventField.ALL) {
      if (Schema.attribute(field) == null) {
        continue;
      }
      Object value = event.get(field);
      if (field.kind() == FieldKind.NUMBER) {
        long number = value == null ? 0 : (Long) value;
        // rt_attr_uint (the spec's asset_id) holds 32 bits; the stored event keeps the exact value
        values.add(
            Long.toString(
                field == EventField.ASSET_ID
                    ? Math.max(0, Math.min(number, 0xFFFF_FFFFL))
                    : number));
      } else {
        // the grouping copy drops NUL, which searchd strings cannot hold; the stored JSON keeps it
        values.add(SphinxQl.literal(value == null ? "" : value.toString().replace("\0", "")));
      }
    }
    values.add(SphinxQl.literal(StoredEvents.toJson(event)));
    return "(" + String.join(", ", values) + ")";
  }

  @Override
  public void commit() {
    lock.lock();
    try {
      long checkpoint = appendedCheckpoint;
      call(c -> c.query("FLUSH RTINDEX " + index));
      String state = Schema.stateIndex(index);
      call(
          c ->
              c.query(
                  "REPLACE INTO "
                      + state
                      + " (id, name, checkpoint) VALUES ("
                      + STATE_ID
                      + ", 'checkpoint', "
                      + checkpoint
                      + ")"));
      call(c -> c.query("FLUSH RTINDEX " + state));
      durableCheckpoint = checkpoint;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long durableCheckpoint() {
    lock.lock();
    try {
      return durableCheckpoint;
    } finally {
      lock.unlock();
    }
  }

  /** Nothing to do: searchd makes RT inserts searchable as soon as the statement returns. */
  @Override
  public void refresh() {}

  @Override
  public SearchResult search(EventSearch search) {
    String match = QueryTranslator.translate(search.query());
    if (match == null) {
      return scanSearch(search);
    }
    int window = search.offset() + Math.max(1, search.limit());
    String order = search.oldestFirst() ? "event_ms ASC, id ASC" : "event_ms DESC, id DESC";
    String sql =
        "SELECT id, "
            + Schema.STORED
            + " FROM "
            + index
            + where(search.query(), match, search.range(), null)
            + " ORDER BY "
            + order
            + " LIMIT "
            + search.offset()
            + ", "
            + Math.max(1, search.limit())
            + " OPTION max_matches="
            + window
            + ", ranker=none";
    lock.lock();
    try {
      SphinxQlConnection.Result rows = call(c -> c.query(sql));
      long total = totalFound();
      List<Event> events = new ArrayList<>();
      for (String[] row : rows.rows().subList(0, Math.min(search.limit(), rows.rows().size()))) {
        events.add(StoredEvents.fromJson(rows.value(row, Schema.STORED)));
      }
      return new SearchResult(total, events);
    } finally {
      lock.unlock();
    }
  }

  private SearchResult scanSearch(EventSearch search) {
    List<Event> hits = new ArrayList<>();
    scan(search.query(), search.range(), hits::add);
    Comparator<Event> byTime =
        Comparator.comparing((Event e) -> e.getTime(EventField.EVENT_TIME))
            .thenComparingLong(e -> StoredEvents.documentId(e.getString(EventField.EVENT_ID)));
    hits.sort(search.oldestFirst() ? byTime : byTime.reversed());
    int from = Math.min(search.offset(), hits.size());
    int to = Math.min(from + search.limit(), hits.size());
    return new SearchResult(hits.size(), List.copyOf(hits.subList(from, to)));
  }

  @Override
  public List<ValueCount> topValues(
      EventField field, EventQuery query, TimeRange range, int limit) {
    String attribute = Schema.attribute(field);
    if (attribute == null) {
      throw new IllegalArgumentException("no top values for " + field.fieldName());
    }
    if (limit <= 0) {
      return List.of();
    }
    String match = QueryTranslator.translate(query);
    if (match == null) {
      Map<Object, Long> counts = new HashMap<>();
      scan(
          query,
          range,
          e -> {
            if (e.has(field)) {
              counts.merge(e.get(field), 1L, Long::sum);
            }
          });
      return counts.entrySet().stream()
          .sorted(
              Comparator.comparing((Map.Entry<Object, Long> e) -> -e.getValue())
                  .thenComparing(e -> e.getKey(), ManticoreEventStore::compareValues))
          .limit(limit)
          .map(e -> new ValueCount(e.getKey().toString(), e.getValue()))
          .toList();
    }
    String present = "(@" + Schema.HAS + " " + Schema.presentToken(field) + ")";
    SphinxQlConnection.Result rows =
        grouped(
            "SELECT "
                + attribute
                + ", COUNT(*) AS c FROM "
                + index
                + where(query, match, range, present)
                + " GROUP BY "
                + attribute
                + " ORDER BY c DESC, "
                + attribute
                + " ASC",
            limit);
    List<ValueCount> top = new ArrayList<>();
    for (String[] row : rows.rows()) {
      top.add(new ValueCount(rows.value(row, attribute), Long.parseLong(rows.value(row, "c"))));
    }
    return top;
  }

  /** Value order for ties: numbers numerically, strings by code point. */
  private static int compareValues(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    return a.toString().compareTo(b.toString());
  }

  @Override
  public List<TimeCount> histogram(EventQuery query, TimeRange range, Duration bucket) {
    long width = bucket.toMillis();
    if (width <= 0) {
      throw new IllegalArgumentException("bucket must be at least 1 ms: " + bucket);
    }
    String match = QueryTranslator.translate(query);
    if (match == null) {
      Map<Long, Long> counts = new HashMap<>();
      scan(
          query,
          range,
          e ->
              counts.merge(
                  Math.floorDiv(e.getTime(EventField.EVENT_TIME).toEpochMilli(), width),
                  1L,
                  Long::sum));
      return counts.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(e -> new TimeCount(Instant.ofEpochMilli(e.getKey() * width), e.getValue()))
          .toList();
    }
    SphinxQlConnection.Result rows =
        grouped(
            "SELECT IDIV("
                + Schema.EVENT_MS
                + ", "
                + width
                + ") AS b, COUNT(*) AS c FROM "
                + index
                + where(query, match, range, null)
                + " GROUP BY b ORDER BY b ASC",
            Integer.MAX_VALUE);
    List<TimeCount> buckets = new ArrayList<>();
    for (String[] row : rows.rows()) {
      buckets.add(
          new TimeCount(
              Instant.ofEpochMilli(Long.parseLong(rows.value(row, "b")) * width),
              Long.parseLong(rows.value(row, "c"))));
    }
    return buckets;
  }

  /**
   * Runs a grouped query with a sorter big enough for every group, so counts and order are exact:
   * when searchd reports more groups than max_matches, it runs again with room for all of them.
   */
  private SphinxQlConnection.Result grouped(String sql, int limit) {
    long room = Math.max(1_000, Math.min(limit, EventSearch.MAX_WINDOW));
    lock.lock();
    try {
      while (true) {
        long rows = Math.min(limit, room);
        String statement = sql + " LIMIT " + rows + " OPTION max_matches=" + room + ", ranker=none";
        SphinxQlConnection.Result result = call(c -> c.query(statement));
        long groups = totalFound();
        if (groups <= room) {
          return result;
        }
        room = groups;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long deleteBefore(Instant cutoff) {
    long millis = cutoff.toEpochMilli();
    lock.lock();
    try {
      call(c -> c.query("SELECT id FROM " + index + " WHERE event_ms < " + millis + " LIMIT 1"));
      long doomed = totalFound();
      if (doomed > 0) {
        call(c -> c.query("DELETE FROM " + index + " WHERE event_ms < " + millis));
      }
      return doomed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long count() {
    lock.lock();
    try {
      call(c -> c.query("SELECT id FROM " + index + " LIMIT 1"));
      return totalFound();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long sizeOnDisk() {
    long bytes = 0;
    for (String name : List.of(index, Schema.stateIndex(index))) {
      SphinxQlConnection.Result status = call(c -> c.query("SHOW INDEX " + name + " STATUS"));
      for (String[] row : status.rows()) {
        if (row[0].equals("disk_bytes") || row[0].equals("ram_bytes")) {
          bytes += Long.parseLong(row[1]);
        }
      }
    }
    return bytes;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (connection != null) {
        connection.close();
        connection = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Streams every event of the window that matches, evaluating the query in Java. */
  private void scan(EventQuery query, TimeRange range, Consumer<Event> consumer) {
    long last = 0;
    while (true) {
      StringBuilder where = new StringBuilder(" WHERE id > ").append(last);
      appendRange(where, range);
      String sql =
          "SELECT id, "
              + Schema.STORED
              + " FROM "
              + index
              + where
              + " ORDER BY id ASC LIMIT "
              + SCAN_PAGE
              + " OPTION max_matches="
              + SCAN_PAGE;
      SphinxQlConnection.Result page = call(c -> c.query(sql));
      for (String[] row : page.rows()) {
        Event event = StoredEvents.fromJson(page.value(row, Schema.STORED));
        if (EventMatcher.matches(query, event)) {
          consumer.accept(event);
        }
        last = Long.parseLong(page.value(row, "id"));
      }
      if (page.rows().size() < SCAN_PAGE) {
        return;
      }
    }
  }

  private static String where(EventQuery query, String match, TimeRange range, String extra) {
    StringBuilder where = new StringBuilder();
    boolean matchAll = query instanceof EventQuery.MatchAll;
    String expression = matchAll ? extra : extra == null ? match : "(" + match + " " + extra + ")";
    if (expression != null) {
      where.append(" WHERE MATCH(").append(SphinxQl.literal(expression)).append(')');
    }
    appendRange(where, range);
    return where.toString();
  }

  private static void appendRange(StringBuilder where, TimeRange range) {
    if (range.from() != null) {
      where.append(where.length() == 0 ? " WHERE " : " AND ");
      where.append(Schema.EVENT_MS).append(" >= ").append(range.from().toEpochMilli());
    }
    if (range.to() != null) {
      where.append(where.length() == 0 ? " WHERE " : " AND ");
      where.append(Schema.EVENT_MS).append(" < ").append(range.to().toEpochMilli());
    }
  }

  private long totalFound() {
    SphinxQlConnection.Result meta = call(c -> c.query("SHOW META"));
    for (String[] row : meta.rows()) {
      if (row[0].equals("total_found")) {
        return Long.parseLong(row[1]);
      }
    }
    throw new SphinxQlException("SHOW META has no total_found", null);
  }

  /** Runs on the connection under the lock; one reconnect and retry after an I/O failure. */
  private <T> T call(Function<SphinxQlConnection, T> action) {
    lock.lock();
    try {
      if (connection == null) {
        connection = SphinxQlConnection.open(host, port, "hsystem", "", timeout);
      }
      try {
        return action.apply(connection);
      } catch (SphinxQlException e) {
        if (e.errorCode() != 0) {
          throw e;
        }
        connection.close();
        connection = SphinxQlConnection.open(host, port, "hsystem", "", timeout);
        return action.apply(connection);
      }
    } finally {
      lock.unlock();
    }
  }
}
