package io.hsystem.sensors.internal;

import io.hsystem.shared.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code sensor_enrollment_tokens}. */
@Repository
public class EnrollmentTokenRepository {

  private final JdbcClient jdbc;

  public EnrollmentTokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Row(
      long id,
      String name,
      String prefix,
      Long createdBy,
      Instant createdAt,
      Instant expiresAt,
      Instant usedAt,
      UUID usedBy,
      Instant revokedAt) {}

  public long insert(
      String name, String prefix, String hash, Long createdBy, Instant now, Instant expiresAt) {
    return jdbc.sql(
            """
            INSERT INTO sensor_enrollment_tokens
                (name, token_prefix, token_hash, created_by, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING id
            """)
        .params(name, prefix, hash, createdBy, Timestamp.from(now), Timestamp.from(expiresAt))
        .query(Long.class)
        .single();
  }

  public List<Row> list() {
    return jdbc.sql("SELECT * FROM sensor_enrollment_tokens ORDER BY id")
        .query(EnrollmentTokenRepository::map)
        .list();
  }

  public Optional<Row> find(long id) {
    return jdbc.sql("SELECT * FROM sensor_enrollment_tokens WHERE id = ?")
        .param(id)
        .query(EnrollmentTokenRepository::map)
        .optional();
  }

  /** The token with this hash, locked until the transaction ends: two enrollments cannot race. */
  public Optional<Row> lockByHash(String hash) {
    return jdbc.sql("SELECT * FROM sensor_enrollment_tokens WHERE token_hash = ? FOR UPDATE")
        .param(hash)
        .query(EnrollmentTokenRepository::map)
        .optional();
  }

  public void markUsed(long id, UUID sensorId, Instant now) {
    jdbc.sql("UPDATE sensor_enrollment_tokens SET used_at = ?, used_by = ? WHERE id = ?")
        .params(Timestamp.from(now), sensorId, id)
        .update();
  }

  public void revoke(long id, Instant now) {
    jdbc.sql(
            "UPDATE sensor_enrollment_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .params(Timestamp.from(now), id)
        .update();
  }

  private static Row map(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("token_prefix"),
        rs.getObject("created_by", Long.class),
        Sql.instant(rs.getTimestamp("created_at")),
        Sql.instant(rs.getTimestamp("expires_at")),
        Sql.instant(rs.getTimestamp("used_at")),
        rs.getObject("used_by", UUID.class),
        Sql.instant(rs.getTimestamp("revoked_at")));
  }
}
