package io.hsystem.alerts.internal;

import io.hsystem.shared.Sql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code alerts} and {@code alert_history}. */
@Repository
public class AlertRepository {

  private static final String OPEN = "status IN ('unhandled', 'handling')";
  private final JdbcClient jdbc;

  public AlertRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An alert row; tactics and techniques as stored. */
  public record Row(
      long id,
      Long assetId,
      String alertType,
      String severity,
      String title,
      String detectionSource,
      String ruleId,
      String ruleName,
      String ruleAuthor,
      List<String> tactics,
      List<String> techniques,
      String srcIp,
      String dstIp,
      String hostName,
      String status,
      String assignee,
      String remark,
      long count,
      Instant firstSeen,
      Instant lastSeen,
      Instant createTime,
      Instant updatedAt) {}

  /** The open alert of a group, as a repeat needs it. */
  public record OpenAlert(long id, Instant lastSeen, String evidence) {}

  /** What a new alert is made of. */
  public record NewAlert(
      Long assetId,
      String alertType,
      String severity,
      String title,
      String detectionSource,
      String ruleId,
      String ruleName,
      String ruleAuthor,
      List<String> tactics,
      List<String> techniques,
      String srcIp,
      String dstIp,
      String hostName,
      String groupKey,
      String evidence,
      long count,
      Instant firstSeen,
      Instant lastSeen) {}

  /** A repeat joining an open alert. */
  public record Repeat(long id, long count, Instant lastSeen, String evidence) {}

  /** A history row. */
  public record HistoryRow(
      Instant at,
      String actor,
      String fromStatus,
      String toStatus,
      String assignee,
      String remark) {}

  /** Filters; see {@code AlertQuery}. Sort is one of the whitelisted column orders. */
  public record Filter(
      List<String> severities,
      List<String> statuses,
      Long assetId,
      String alertType,
      String ruleId,
      String srcIp,
      String assignee,
      String text,
      Instant from,
      Instant to) {}

  public Map<String, OpenAlert> findOpen(Collection<String> groupKeys) {
    Map<String, OpenAlert> open = new HashMap<>();
    if (groupKeys.isEmpty()) {
      return open;
    }
    jdbc.sql(
            "SELECT id, group_key, last_seen, evidence::text AS evidence FROM alerts"
                + " WHERE group_key = ANY(?) AND "
                + OPEN)
        .param(groupKeys.toArray(String[]::new))
        .query(
            rs -> {
              open.put(
                  rs.getString("group_key"),
                  new OpenAlert(
                      rs.getLong("id"),
                      rs.getTimestamp("last_seen").toInstant(),
                      rs.getString("evidence")));
            });
    return open;
  }

  public long insert(NewAlert a, Instant now) {
    return jdbc.sql(
            """
            INSERT INTO alerts (asset_id, alert_type, severity, title, detection_source, rule_id,
                rule_name, rule_author, attack_tactics, attack_techniques, src_ip, dst_ip,
                host_name, group_key, evidence, event_count, first_seen, last_seen, status,
                create_time, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, 'unhandled', ?, ?)
            RETURNING id
            """)
        .params(
            a.assetId(),
            a.alertType(),
            a.severity(),
            a.title(),
            a.detectionSource(),
            a.ruleId(),
            a.ruleName(),
            a.ruleAuthor(),
            a.tactics().toArray(String[]::new),
            a.techniques().toArray(String[]::new),
            a.srcIp(),
            a.dstIp(),
            a.hostName(),
            a.groupKey(),
            a.evidence(),
            a.count(),
            Timestamp.from(a.firstSeen()),
            Timestamp.from(a.lastSeen()),
            Timestamp.from(now),
            Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  /**
   * Adds repeats to open alerts.
   *
   * @return ids of the alerts that took their repeat (a user may have closed one meanwhile)
   */
  public List<Long> addRepeats(List<Repeat> repeats, Instant now) {
    List<Long> updated = new ArrayList<>();
    for (Repeat r : repeats) {
      int n =
          jdbc.sql(
                  "UPDATE alerts SET event_count = event_count + ?, last_seen = GREATEST(last_seen,"
                      + " ?), evidence = ?::jsonb, updated_at = ? WHERE id = ? AND "
                      + OPEN)
              .params(
                  r.count(),
                  Timestamp.from(r.lastSeen()),
                  r.evidence(),
                  Timestamp.from(now),
                  r.id())
              .update();
      if (n == 1) {
        updated.add(r.id());
      }
    }
    return updated;
  }

  /** Detaches an open alert from its group, so that a new one can start it. */
  public void closeGroup(long id) {
    jdbc.sql("UPDATE alerts SET group_key = NULL WHERE id = ?").param(id).update();
  }

  public long count(Filter f) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql("SELECT count(*) FROM alerts" + where(f, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  public List<Row> list(Filter f, String orderBy, int limit, long offset) {
    List<Object> params = new ArrayList<>();
    String where = where(f, params);
    params.add(limit);
    params.add(offset);
    return jdbc.sql("SELECT * FROM alerts" + where + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?")
        .params(params)
        .query(AlertRepository::map)
        .list();
  }

  /** Ids of every alert matching, at most {@code limit}. */
  public List<Long> ids(Filter f, int limit) {
    List<Object> params = new ArrayList<>();
    String where = where(f, params);
    params.add(limit);
    return jdbc.sql("SELECT id FROM alerts" + where + " ORDER BY id LIMIT ?")
        .params(params)
        .query(Long.class)
        .list();
  }

  public List<Row> findAll(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT * FROM alerts WHERE id = ANY(?) ORDER BY id")
        .param(ids.toArray(Long[]::new))
        .query(AlertRepository::map)
        .list();
  }

  /** Alerts after {@code afterId} (oldest first), for a console that reconnects. */
  public List<Row> since(long afterId, List<String> severities, int limit) {
    List<Object> params = new ArrayList<>();
    params.add(afterId);
    String severity = "";
    if (!severities.isEmpty()) {
      severity = " AND severity = ANY(?)";
      params.add(severities.toArray(String[]::new));
    }
    params.add(limit);
    return jdbc.sql("SELECT * FROM alerts WHERE id > ?" + severity + " ORDER BY id LIMIT ?")
        .params(params)
        .query(AlertRepository::map)
        .list();
  }

  public Optional<Row> find(long id) {
    return jdbc.sql("SELECT * FROM alerts WHERE id = ?")
        .param(id)
        .query(AlertRepository::map)
        .optional();
  }

  public Optional<String> evidence(long id) {
    return jdbc.sql("SELECT evidence::text FROM alerts WHERE id = ?")
        .param(id)
        .query(String.class)
        .optional();
  }

  /**
   * Moves an alert on if it is still in {@code from} (a concurrent change loses, not overwrites).
   */
  public boolean changeStatus(
      long id, String from, String to, String assignee, String remark, Instant now) {
    return jdbc.sql(
                "UPDATE alerts SET status = ?, assignee = ?, remark = ?, updated_at = ?,"
                    + " group_key = CASE WHEN ? IN ('handled', 'ignored') THEN NULL ELSE"
                    + " group_key END WHERE id = ? AND status = ?")
            .params(to, assignee, remark, Timestamp.from(now), to, id, from)
            .update()
        == 1;
  }

  public void addHistory(long alertId, HistoryRow h) {
    jdbc.sql(
            "INSERT INTO alert_history (alert_id, at, actor, from_status, to_status, assignee,"
                + " remark) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            alertId,
            Timestamp.from(h.at()),
            h.actor(),
            h.fromStatus(),
            h.toStatus(),
            h.assignee(),
            h.remark())
        .update();
  }

  public List<HistoryRow> history(long alertId) {
    return jdbc.sql(
            "SELECT at, actor, from_status, to_status, assignee, remark FROM alert_history"
                + " WHERE alert_id = ? ORDER BY id")
        .param(alertId)
        .query(
            (rs, n) ->
                new HistoryRow(
                    rs.getTimestamp("at").toInstant(),
                    rs.getString("actor"),
                    rs.getString("from_status"),
                    rs.getString("to_status"),
                    rs.getString("assignee"),
                    rs.getString("remark")))
        .list();
  }

  /** Alerts counted by severity and status, optionally since a create time. */
  public Map<String, Map<String, Long>> countsBySeverityAndStatus(Instant from) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    jdbc.sql(
            "SELECT severity, status, count(*) AS n FROM alerts"
                + (from == null ? "" : " WHERE create_time >= ?")
                + " GROUP BY severity, status")
        .params(from == null ? List.of() : List.of(Timestamp.from(from)))
        .query(
            rs -> {
              counts
                  .computeIfAbsent(rs.getString("severity"), k -> new HashMap<>())
                  .put(rs.getString("status"), rs.getLong("n"));
            });
    return counts;
  }

  public int deleteCreatedBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM alerts WHERE create_time < ?")
        .param(Timestamp.from(cutoff))
        .update();
  }

  private static String where(Filter f, List<Object> params) {
    List<String> clauses = new ArrayList<>();
    if (!f.severities().isEmpty()) {
      clauses.add("severity = ANY(?)");
      params.add(f.severities().toArray(String[]::new));
    }
    if (!f.statuses().isEmpty()) {
      clauses.add("status = ANY(?)");
      params.add(f.statuses().toArray(String[]::new));
    }
    if (f.assetId() != null) {
      clauses.add("asset_id = ?");
      params.add(f.assetId());
    }
    if (f.alertType() != null) {
      clauses.add("alert_type = ?");
      params.add(f.alertType());
    }
    if (f.ruleId() != null) {
      clauses.add("rule_id = ?");
      params.add(f.ruleId());
    }
    if (f.srcIp() != null) {
      clauses.add("src_ip = ?");
      params.add(f.srcIp());
    }
    if (f.assignee() != null) {
      clauses.add("assignee = ?");
      params.add(f.assignee());
    }
    if (f.text() != null) {
      clauses.add(
          "(title ILIKE ? OR rule_name ILIKE ? OR host_name ILIKE ? OR src_ip ILIKE ? OR dst_ip"
              + " ILIKE ? OR alert_type ILIKE ?)");
      String pattern = Sql.containsPattern(f.text());
      for (int i = 0; i < 6; i++) {
        params.add(pattern);
      }
    }
    if (f.from() != null) {
      clauses.add("create_time >= ?");
      params.add(Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      clauses.add("create_time < ?");
      params.add(Timestamp.from(f.to()));
    }
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  private static Row map(ResultSet rs, int n) throws SQLException {
    long asset = rs.getLong("asset_id");
    Long assetId = rs.wasNull() ? null : asset;
    return new Row(
        rs.getLong("id"),
        assetId,
        rs.getString("alert_type"),
        rs.getString("severity"),
        rs.getString("title"),
        rs.getString("detection_source"),
        rs.getString("rule_id"),
        rs.getString("rule_name"),
        rs.getString("rule_author"),
        strings(rs.getArray("attack_tactics")),
        strings(rs.getArray("attack_techniques")),
        rs.getString("src_ip"),
        rs.getString("dst_ip"),
        rs.getString("host_name"),
        rs.getString("status"),
        rs.getString("assignee"),
        rs.getString("remark"),
        rs.getLong("event_count"),
        Sql.instant(rs.getTimestamp("first_seen")),
        Sql.instant(rs.getTimestamp("last_seen")),
        Sql.instant(rs.getTimestamp("create_time")),
        Sql.instant(rs.getTimestamp("updated_at")));
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
