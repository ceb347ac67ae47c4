package io.hsystem.audit.internal;

import io.hsystem.shared.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the audit module; the only code that touches {@code audit_log}. */
@Repository
public class AuditRepository {

  /** Serialises appends so that each row links to the one before it. */
  private static final long CHAIN_LOCK = 0x6873_7973_6175_6474L;

  private final JdbcClient jdbc;

  public AuditRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A row as stored. */
  public record Row(
      long id,
      Instant eventTime,
      Long actorUserId,
      String actorUsername,
      String sourceIp,
      String action,
      String targetType,
      String targetId,
      String outcome,
      String details,
      String prevHash,
      String hash) {}

  /** Takes the chain lock for the current transaction and returns the last hash. */
  public String lockChainAndGetLastHash() {
    jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleRow();
    return jdbc.sql("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
        .query(String.class)
        .optional()
        .orElse(AuditHasher.GENESIS);
  }

  public long nextId() {
    return jdbc.sql("SELECT nextval('audit_log_id_seq')").query(Long.class).single();
  }

  public void insert(Row row) {
    jdbc.sql(
            """
            INSERT INTO audit_log (id, event_time, actor_user_id, actor_username, source_ip,
                action, target_type, target_id, outcome, details, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            row.id(),
            Timestamp.from(row.eventTime()),
            row.actorUserId(),
            row.actorUsername(),
            row.sourceIp(),
            row.action(),
            row.targetType(),
            row.targetId(),
            row.outcome(),
            row.details(),
            row.prevHash(),
            row.hash())
        .update();
  }

  /** Filters of a search; null means any. */
  public record Filter(
      String actor,
      String action,
      String targetType,
      String targetId,
      String outcome,
      Instant from,
      Instant to) {}

  public long count(Filter filter) {
    List<Object> params = new ArrayList<>();
    String where = where(filter, params);
    return jdbc.sql("SELECT count(*) FROM audit_log" + where)
        .params(params)
        .query(Long.class)
        .single();
  }

  public List<Row> search(Filter filter, PageQuery page) {
    List<Object> params = new ArrayList<>();
    String where = where(filter, params);
    params.add(page.size());
    params.add(page.offset());
    return jdbc.sql("SELECT * FROM audit_log" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")
        .params(params)
        .query(AuditRepository::map)
        .list();
  }

  /** Rows with id greater than {@code afterId}, oldest first: a keyset page of the chain walk. */
  public List<Row> chainPage(long afterId, int limit) {
    return jdbc.sql("SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?")
        .params(afterId, limit)
        .query(AuditRepository::map)
        .list();
  }

  /** True when some purge record names {@code hash} as the last row it deleted. */
  public boolean purgeAnchorExists(String hash) {
    return jdbc.sql(
                "SELECT count(*) FROM audit_log WHERE action = 'audit.purge'"
                    + " AND details::jsonb ->> 'last_deleted_hash' = ?")
            .param(hash)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The newest row older than the cutoff: the last one a purge deletes. */
  public Optional<Row> lastBefore(Instant cutoff) {
    return jdbc.sql("SELECT * FROM audit_log WHERE event_time < ? ORDER BY id DESC LIMIT 1")
        .param(Timestamp.from(cutoff))
        .query(AuditRepository::map)
        .optional();
  }

  /**
   * Deletes rows older than the cutoff; the table's trigger allows only this, only past 90 days.
   */
  public int purgeBefore(Instant cutoff) {
    jdbc.sql("SELECT set_config('hsystem.audit_purge', 'on', true)").query().singleRow();
    int deleted =
        jdbc.sql("DELETE FROM audit_log WHERE event_time < ?")
            .param(Timestamp.from(cutoff))
            .update();
    jdbc.sql("SELECT set_config('hsystem.audit_purge', 'off', true)").query().singleRow();
    return deleted;
  }

  private static String where(Filter f, List<Object> params) {
    StringBuilder sql = new StringBuilder(" WHERE true");
    if (f.actor() != null) {
      sql.append(" AND lower(actor_username) = lower(?)");
      params.add(f.actor());
    }
    if (f.action() != null) {
      sql.append(" AND action = ?");
      params.add(f.action());
    }
    if (f.targetType() != null) {
      sql.append(" AND target_type = ?");
      params.add(f.targetType());
    }
    if (f.targetId() != null) {
      sql.append(" AND target_id = ?");
      params.add(f.targetId());
    }
    if (f.outcome() != null) {
      sql.append(" AND outcome = ?");
      params.add(f.outcome());
    }
    if (f.from() != null) {
      sql.append(" AND event_time >= ?");
      params.add(Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      sql.append(" AND event_time < ?");
      params.add(Timestamp.from(f.to()));
    }
    return sql.toString();
  }

  private static Row map(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getTimestamp("event_time").toInstant(),
        rs.getObject("actor_user_id", Long.class),
        rs.getString("actor_username"),
        rs.getString("source_ip"),
        rs.getString("action"),
        rs.getString("target_type"),
        rs.getString("target_id"),
        rs.getString("outcome"),
        rs.getString("details"),
        rs.getString("prev_hash"),
        rs.getString("hash"));
  }
}
