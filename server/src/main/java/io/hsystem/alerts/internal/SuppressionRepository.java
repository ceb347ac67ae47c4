package io.hsystem.alerts.internal;

import io.hsystem.shared.Sql;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code alert_suppressions}; conditions are stored as JSON text. */
@Repository
public class SuppressionRepository {

  private final JdbcClient jdbc;

  public SuppressionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Row(
      long id,
      String ruleId,
      String conditions,
      String reason,
      Instant expiresAt,
      String createdBy,
      Instant createdAt,
      long hitCount,
      Instant lastHit) {}

  public List<Row> all() {
    return jdbc.sql(
            "SELECT *, conditions::text AS conditions_text FROM alert_suppressions ORDER BY id")
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong("id"),
                    rs.getString("rule_id"),
                    rs.getString("conditions_text"),
                    rs.getString("reason"),
                    Sql.instant(rs.getTimestamp("expires_at")),
                    rs.getString("created_by"),
                    Sql.instant(rs.getTimestamp("created_at")),
                    rs.getLong("hit_count"),
                    Sql.instant(rs.getTimestamp("last_hit"))))
        .list();
  }

  public long insert(
      String ruleId,
      String conditions,
      String reason,
      Instant expiresAt,
      String createdBy,
      Instant now) {
    return jdbc.sql(
            "INSERT INTO alert_suppressions (rule_id, conditions, reason, expires_at, created_by,"
                + " created_at) VALUES (?, ?::jsonb, ?, ?, ?, ?) RETURNING id")
        .params(
            ruleId,
            conditions,
            reason,
            expiresAt == null ? null : Timestamp.from(expiresAt),
            createdBy,
            Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  public boolean delete(long id) {
    return jdbc.sql("DELETE FROM alert_suppressions WHERE id = ?").param(id).update() == 1;
  }

  /** Adds counted hits: suppression id → matches. */
  public void addHits(Map<Long, Long> hits, Instant now) {
    for (Map.Entry<Long, Long> hit : hits.entrySet()) {
      jdbc.sql("UPDATE alert_suppressions SET hit_count = hit_count + ?, last_hit = ? WHERE id = ?")
          .params(hit.getValue(), Timestamp.from(now), hit.getKey())
          .update();
    }
  }
}
