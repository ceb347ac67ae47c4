package io.hsystem.ingest.internal;

import io.hsystem.shared.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code ingest_keys}. */
@Repository
public class IngestKeyRepository {

  private final JdbcClient jdbc;

  public IngestKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Row(
      long id,
      String name,
      String prefix,
      String sourceType,
      Long assetId,
      Long createdBy,
      Instant createdAt,
      Instant revokedAt,
      Instant lastUsedAt) {}

  public long insert(
      String name,
      String prefix,
      String hash,
      String sourceType,
      Long assetId,
      Long createdBy,
      Instant now) {
    return jdbc.sql(
            """
            INSERT INTO ingest_keys (name, key_prefix, key_hash, source_type, asset_id, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
            """)
        .params(name, prefix, hash, sourceType, assetId, createdBy, Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  public List<Row> list() {
    return jdbc.sql("SELECT * FROM ingest_keys ORDER BY id").query(IngestKeyRepository::map).list();
  }

  public Optional<Row> find(long id) {
    return jdbc.sql("SELECT * FROM ingest_keys WHERE id = ?")
        .param(id)
        .query(IngestKeyRepository::map)
        .optional();
  }

  public Optional<Row> findActiveByHash(String hash) {
    return jdbc.sql("SELECT * FROM ingest_keys WHERE key_hash = ? AND revoked_at IS NULL")
        .param(hash)
        .query(IngestKeyRepository::map)
        .optional();
  }

  public void revoke(long id, Instant now) {
    jdbc.sql("UPDATE ingest_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .params(Timestamp.from(now), id)
        .update();
  }

  public void touch(long id, Instant now) {
    jdbc.sql("UPDATE ingest_keys SET last_used_at = ? WHERE id = ?")
        .params(Timestamp.from(now), id)
        .update();
  }

  private static Row map(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("key_prefix"),
        rs.getString("source_type"),
        rs.getObject("asset_id", Long.class),
        rs.getObject("created_by", Long.class),
        Sql.instant(rs.getTimestamp("created_at")),
        Sql.instant(rs.getTimestamp("revoked_at")),
        Sql.instant(rs.getTimestamp("last_used_at")));
  }
}
