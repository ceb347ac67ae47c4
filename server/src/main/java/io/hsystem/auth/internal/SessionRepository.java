package io.hsystem.auth.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code user_sessions}. */
@Repository
public class SessionRepository {

  private final JdbcClient jdbc;

  public SessionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An active session joined with its user's current authorisation. */
  public record ActiveSession(
      UUID id,
      long userId,
      String username,
      String role,
      java.util.Set<String> permissions,
      boolean mustChangePassword) {}

  public record SessionRow(UUID id, long userId, Instant expiresAt, Instant revokedAt) {}

  public void insert(
      UUID id,
      long userId,
      String refreshHash,
      Instant now,
      Instant expiresAt,
      String sourceIp,
      String userAgent) {
    jdbc.sql(
            """
            INSERT INTO user_sessions (id, user_id, refresh_token_hash, created_at, expires_at,
                source_ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            id,
            userId,
            refreshHash,
            Timestamp.from(now),
            Timestamp.from(expiresAt),
            sourceIp,
            userAgent)
        .update();
  }

  /** The session if it is unrevoked, unexpired and its user enabled. */
  public Optional<ActiveSession> findActive(UUID id, Instant now) {
    return jdbc.sql(
            """
            SELECT s.id, u.id AS user_id, u.username, u.role, u.permissions, u.must_change_password
              FROM user_sessions s JOIN users u ON u.id = s.user_id
             WHERE s.id = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.enabled
            """)
        .params(id, Timestamp.from(now))
        .query(
            (ResultSet rs, int n) ->
                new ActiveSession(
                    rs.getObject("id", UUID.class),
                    rs.getLong("user_id"),
                    rs.getString("username"),
                    rs.getString("role"),
                    UserRepository.strings(rs.getArray("permissions")),
                    rs.getBoolean("must_change_password")))
        .optional();
  }

  /** Locks the session row that holds this refresh token hash, for rotation. */
  public Optional<SessionRow> findByRefreshHashForUpdate(String refreshHash) {
    return jdbc.sql(
            "SELECT id, user_id, expires_at, revoked_at FROM user_sessions"
                + " WHERE refresh_token_hash = ? FOR UPDATE")
        .param(refreshHash)
        .query(SessionRepository::map)
        .optional();
  }

  public void rotateRefresh(UUID id, String refreshHash) {
    jdbc.sql("UPDATE user_sessions SET refresh_token_hash = ? WHERE id = ?")
        .params(refreshHash, id)
        .update();
  }

  public void revoke(UUID id, Instant now) {
    jdbc.sql("UPDATE user_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .params(Timestamp.from(now), id)
        .update();
  }

  /** Revokes every session of a user, except {@code keep} when given. */
  public int revokeAllOf(long userId, UUID keep, Instant now) {
    return jdbc.sql(
            "UPDATE user_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"
                + " AND id IS DISTINCT FROM ?")
        .params(Timestamp.from(now), userId, keep)
        .update();
  }

  private static SessionRow map(ResultSet rs, int n) throws SQLException {
    return new SessionRow(
        rs.getObject("id", UUID.class),
        rs.getLong("user_id"),
        UserRepository.instant(rs, "expires_at"),
        UserRepository.instant(rs, "revoked_at"));
  }
}
