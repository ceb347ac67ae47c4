package io.hsystem.intel.internal;

import io.hsystem.intel.Ioc;
import io.hsystem.intel.IocSort;
import io.hsystem.intel.IocSourceSummary;
import io.hsystem.intel.IocStatus;
import io.hsystem.intel.IocType;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Severity;
import io.hsystem.shared.Sql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code iocs}. Bulk writes are one statement per batch over arrays ({@code unnest}). */
@Repository
public class IocRepository {

  /** Rows per statement of a bulk write. */
  static final int BATCH = 2000;

  /** Separates tags in the one string per row that a bulk write passes (tags hold no controls). */
  private static final String TAG_SEPARATOR = "\u001f";

  private static final String COLUMNS =
      "id, type, value, source, confidence, severity, tags, description, first_seen, last_seen,"
          + " expires_at, sightings, created_by, created_at, updated_at";

  private final JdbcClient jdbc;

  public IocRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stored fields written by create, update and import. */
  public record Fields(
      IocType type,
      String value,
      String source,
      int confidence,
      Severity severity,
      List<String> tags,
      String description,
      Instant expiresAt) {}

  public record Filter(IocType type, String source, String text, IocStatus status) {}

  /** The outcome of one upserted indicator. */
  public record Upserted(long id, boolean inserted) {}

  public long count(Filter f, Instant now) {
    Map<String, Object> params = new HashMap<>();
    return jdbc.sql("SELECT count(*) FROM iocs" + where(f, now, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  public List<Ioc> list(
      Filter f, IocSort sort, boolean descending, int limit, long offset, Instant now) {
    Map<String, Object> params = new HashMap<>();
    String where = where(f, now, params);
    String direction = descending ? " DESC" : " ASC";
    String order =
        sort == IocSort.ID ? "id" + direction : Enums.value(sort) + direction + ", id" + direction;
    params.put("limit", limit);
    params.put("offset", offset);
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM iocs"
                + where
                + " ORDER BY "
                + order
                + " LIMIT :limit OFFSET :offset")
        .params(params)
        .query(IocRepository::map)
        .list();
  }

  public Optional<Ioc> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM iocs WHERE id = ?")
        .param(id)
        .query(IocRepository::map)
        .optional();
  }

  /** Indicators that have not expired at {@code now}: what the matcher indexes. */
  public List<Ioc> findActive(Instant now) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM iocs WHERE expires_at IS NULL OR expires_at > ? ORDER BY id")
        .param(Timestamp.from(now))
        .query(IocRepository::map)
        .list();
  }

  public long insert(Fields f, Long createdBy, Instant now) {
    return jdbc.sql(
            """
            INSERT INTO iocs (type, value, source, confidence, severity, tags, description,
                first_seen, last_seen, expires_at, created_by, created_at, updated_at)
            VALUES (:type, :value, :source, :confidence, :severity, :tags, :description,
                :now, :now, :expires_at, :created_by, :now, :now)
            RETURNING id
            """)
        .params(params(f, now))
        .param("created_by", createdBy)
        .query(Long.class)
        .single();
  }

  public boolean update(long id, Fields f, Instant now) {
    return jdbc.sql(
                """
                UPDATE iocs SET type = :type, value = :value, source = :source,
                    confidence = :confidence, severity = :severity, tags = :tags,
                    description = :description, expires_at = :expires_at, updated_at = :now
                 WHERE id = :id
                """)
            .params(params(f, now))
            .param("id", id)
            .update()
        == 1;
  }

  public boolean delete(long id) {
    return jdbc.sql("DELETE FROM iocs WHERE id = ?").param(id).update() == 1;
  }

  public int deleteBySource(String source) {
    return jdbc.sql("DELETE FROM iocs WHERE source = ?").param(source).update();
  }

  public List<IocSourceSummary> sources(Instant now) {
    return jdbc.sql(
            """
            SELECT source, count(*) AS total,
                   count(*) FILTER (WHERE expires_at IS NULL OR expires_at > ?) AS active,
                   max(updated_at) AS last_updated
              FROM iocs GROUP BY source ORDER BY source
            """)
        .param(Timestamp.from(now))
        .query(
            (rs, n) ->
                new IocSourceSummary(
                    rs.getString("source"),
                    rs.getLong("total"),
                    rs.getLong("active"),
                    Sql.instant(rs.getTimestamp("last_updated"))))
        .list();
  }

  /**
   * Inserts the indicators, or replaces the fields of those the source already has (keeping
   * first_seen and created_by). Values must be distinct per type. Keyed by {@code type value}.
   */
  public Map<String, Upserted> upsert(
      String source, List<Fields> rows, Long createdBy, Instant now) {
    Map<String, Upserted> result = new HashMap<>();
    for (int from = 0; from < rows.size(); from += BATCH) {
      List<Fields> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
      int n = batch.size();
      String[] types = new String[n];
      String[] values = new String[n];
      Integer[] confidences = new Integer[n];
      String[] severities = new String[n];
      String[] tags = new String[n];
      String[] descriptions = new String[n];
      String[] expires = new String[n];
      for (int i = 0; i < n; i++) {
        Fields f = batch.get(i);
        types[i] = Enums.value(f.type());
        values[i] = f.value();
        confidences[i] = f.confidence();
        severities[i] = f.severity().value();
        tags[i] = String.join(TAG_SEPARATOR, f.tags());
        descriptions[i] = f.description();
        expires[i] = f.expiresAt() == null ? null : f.expiresAt().toString();
      }
      jdbc.sql(
              """
              INSERT INTO iocs AS i (type, value, source, confidence, severity, tags, description,
                  first_seen, last_seen, expires_at, created_by, created_at, updated_at)
              SELECT v.type, v.value, :source, v.confidence, v.severity,
                     CASE WHEN v.tags = '' THEN CAST('{}' AS text[])
                          ELSE string_to_array(v.tags, :separator) END,
                     v.description, :now, :now, v.expires_at, :created_by, :now, :now
                FROM unnest(CAST(:types AS text[]), CAST(:values AS text[]),
                            CAST(:confidences AS int[]), CAST(:severities AS text[]),
                            CAST(:tags AS text[]), CAST(:descriptions AS text[]),
                            CAST(:expires AS timestamptz[]))
                     AS v(type, value, confidence, severity, tags, description, expires_at)
              ON CONFLICT (type, value, source) DO UPDATE SET
                  confidence = EXCLUDED.confidence, severity = EXCLUDED.severity,
                  tags = EXCLUDED.tags, description = EXCLUDED.description,
                  expires_at = EXCLUDED.expires_at, last_seen = EXCLUDED.last_seen,
                  updated_at = EXCLUDED.updated_at
              RETURNING i.id, i.type, i.value, (i.xmax = 0) AS inserted
              """)
          .param("source", source)
          .param("separator", TAG_SEPARATOR)
          .param("now", Timestamp.from(now))
          .param("created_by", createdBy)
          .param("types", types)
          .param("values", values)
          .param("confidences", confidences)
          .param("severities", severities)
          .param("tags", tags)
          .param("descriptions", descriptions)
          .param("expires", expires)
          .query(
              (rs, rowNum) ->
                  result.put(
                      rs.getString("type") + " " + rs.getString("value"),
                      new Upserted(rs.getLong("id"), rs.getBoolean("inserted"))))
          .list();
    }
    return result;
  }

  /** A honeypot attacker's address (canonical) with its latest attack and the expiry it earns. */
  public record Sighting(String ip, Instant lastSeen, Instant expiresAt) {}

  /**
   * Records honeypot attackers: new IPs get an indicator of source {@code honeypot}; known ones one
   * more sighting, a later last_seen and expiry (an expiry an analyst removed stays removed; a
   * confidence an analyst changed stays changed). IPs must be distinct.
   */
  public void recordSightings(
      List<Sighting> sightings, int confidence, String description, Instant now) {
    for (int from = 0; from < sightings.size(); from += BATCH) {
      List<Sighting> batch = sightings.subList(from, Math.min(sightings.size(), from + BATCH));
      String[] values = new String[batch.size()];
      String[] seen = new String[batch.size()];
      String[] expires = new String[batch.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = batch.get(i).ip();
        seen[i] = batch.get(i).lastSeen().toString();
        expires[i] = batch.get(i).expiresAt().toString();
      }
      jdbc.sql(
              """
              INSERT INTO iocs AS i (type, value, source, confidence, severity, description,
                  first_seen, last_seen, expires_at, sightings, created_at, updated_at)
              SELECT 'ip', v.value, 'honeypot', :confidence, 'low', :description,
                     v.seen, v.seen, v.expires_at, 1, :now, :now
                FROM unnest(CAST(:values AS text[]), CAST(:seen AS timestamptz[]),
                            CAST(:expires AS timestamptz[])) AS v(value, seen, expires_at)
              ON CONFLICT (type, value, source) DO UPDATE SET
                  first_seen = LEAST(i.first_seen, EXCLUDED.first_seen),
                  last_seen = GREATEST(i.last_seen, EXCLUDED.last_seen),
                  expires_at = CASE WHEN i.expires_at IS NULL THEN NULL
                                    ELSE GREATEST(i.expires_at, EXCLUDED.expires_at) END,
                  sightings = i.sightings + 1,
                  updated_at = EXCLUDED.updated_at
              """)
          .param("confidence", confidence)
          .param("description", description)
          .param("now", Timestamp.from(now))
          .param("values", values)
          .param("seen", seen)
          .param("expires", expires)
          .update();
    }
  }

  private static Map<String, Object> params(Fields f, Instant now) {
    Map<String, Object> map = new HashMap<>();
    map.put("type", Enums.value(f.type()));
    map.put("value", f.value());
    map.put("source", f.source());
    map.put("confidence", f.confidence());
    map.put("severity", f.severity().value());
    map.put("tags", f.tags().toArray(String[]::new));
    map.put("description", f.description());
    map.put("expires_at", f.expiresAt() == null ? null : Timestamp.from(f.expiresAt()));
    map.put("now", Timestamp.from(now));
    return map;
  }

  private static String where(Filter f, Instant now, Map<String, Object> params) {
    List<String> clauses = new ArrayList<>();
    if (f.type() != null) {
      clauses.add("type = :type");
      params.put("type", Enums.value(f.type()));
    }
    if (f.source() != null) {
      clauses.add("source = :source");
      params.put("source", f.source());
    }
    if (f.text() != null) {
      clauses.add("(value ILIKE :text OR description ILIKE :text OR :tag = ANY(tags))");
      params.put("text", Sql.containsPattern(f.text()));
      params.put("tag", f.text());
    }
    if (f.status() != null) {
      clauses.add(
          f.status() == IocStatus.ACTIVE
              ? "(expires_at IS NULL OR expires_at > :now)"
              : "expires_at <= :now");
      params.put("now", Timestamp.from(now));
    }
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  private static Ioc map(ResultSet rs, int n) throws SQLException {
    Array tags = rs.getArray("tags");
    return new Ioc(
        rs.getLong("id"),
        Enums.parse(IocType.class, "type", rs.getString("type")),
        rs.getString("value"),
        rs.getString("source"),
        rs.getInt("confidence"),
        Severity.parse("severity", rs.getString("severity")),
        tags == null ? List.of() : List.copyOf(Arrays.asList((String[]) tags.getArray())),
        rs.getString("description"),
        Sql.instant(rs.getTimestamp("first_seen")),
        Sql.instant(rs.getTimestamp("last_seen")),
        Sql.instant(rs.getTimestamp("expires_at")),
        rs.getInt("sightings"),
        rs.getObject("created_by", Long.class),
        Sql.instant(rs.getTimestamp("created_at")),
        Sql.instant(rs.getTimestamp("updated_at")));
  }
}
