package io.hsystem.detection.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code detection_rules}: uploaded and imported rules, and every rule's switch. */
@Repository
public class RuleRepository {

  private final JdbcClient jdbc;

  public RuleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored rule; {@code yaml} is null for shipped rules (only their switch is stored). */
  public record Row(
      String ruleId,
      String origin,
      String yaml,
      boolean enabled,
      String createdBy,
      Instant updatedAt) {}

  public List<Row> all() {
    return jdbc.sql(
            "SELECT rule_id, origin, yaml, enabled, created_by, updated_at FROM detection_rules"
                + " ORDER BY created_at, rule_id")
        .query(
            (rs, n) ->
                new Row(
                    rs.getString("rule_id"),
                    rs.getString("origin"),
                    rs.getString("yaml"),
                    rs.getBoolean("enabled"),
                    rs.getString("created_by"),
                    rs.getTimestamp("updated_at").toInstant()))
        .list();
  }

  /** Inserts or replaces a rule's text (keeping its switch when it exists). */
  public void upsert(
      String ruleId, String origin, String yaml, boolean enabled, String by, Instant now) {
    jdbc.sql(
            """
            INSERT INTO detection_rules (rule_id, origin, yaml, enabled, created_by, created_at,
                updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (rule_id) DO UPDATE SET origin = EXCLUDED.origin, yaml = EXCLUDED.yaml,
                updated_at = EXCLUDED.updated_at
            """)
        .params(ruleId, origin, yaml, enabled, by, Timestamp.from(now), Timestamp.from(now))
        .update();
  }

  /** Sets a rule's switch; a shipped rule gets its row on first use. */
  public void setEnabled(String ruleId, String origin, boolean enabled, String by, Instant now) {
    jdbc.sql(
            """
            INSERT INTO detection_rules (rule_id, origin, yaml, enabled, created_by, created_at,
                updated_at) VALUES (?, ?, NULL, ?, ?, ?, ?)
            ON CONFLICT (rule_id) DO UPDATE SET enabled = EXCLUDED.enabled,
                updated_at = EXCLUDED.updated_at
            """)
        .params(ruleId, origin, enabled, by, Timestamp.from(now), Timestamp.from(now))
        .update();
  }

  public boolean delete(String ruleId) {
    return jdbc.sql("DELETE FROM detection_rules WHERE rule_id = ?").param(ruleId).update() == 1;
  }
}
