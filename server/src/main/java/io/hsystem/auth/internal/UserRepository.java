package io.hsystem.auth.internal;

import io.hsystem.shared.PageQuery;
import io.hsystem.shared.Sql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code users} (joined with the login throttle for the lock state). */
@Repository
public class UserRepository {

  private static final String SELECT =
      """
      SELECT u.*, t.failed_count, t.last_failed_at, t.locked_until
        FROM users u LEFT JOIN login_throttle t ON t.username_key = lower(u.username)
      """;

  private final JdbcClient jdbc;

  public UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored user with its password hash and lock state. */
  public record UserRow(
      long id,
      String username,
      String passwordHash,
      String role,
      Set<String> permissions,
      String displayName,
      boolean enabled,
      boolean mustChangePassword,
      Instant lastLoginAt,
      Instant createdAt,
      Instant updatedAt,
      int failedCount,
      Instant lastFailedAt,
      Instant lockedUntil) {}

  public Optional<UserRow> findByUsername(String username) {
    return jdbc.sql(SELECT + " WHERE lower(u.username) = lower(?)")
        .param(username)
        .query(UserRepository::map)
        .optional();
  }

  public Optional<UserRow> findById(long id) {
    return jdbc.sql(SELECT + " WHERE u.id = ?").param(id).query(UserRepository::map).optional();
  }

  public long count() {
    return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
  }

  public long count(String text) {
    List<Object> params = new ArrayList<>();
    return jdbc.sql("SELECT count(*) FROM users u" + where(text, params))
        .params(params)
        .query(Long.class)
        .single();
  }

  public List<UserRow> list(String text, PageQuery page) {
    List<Object> params = new ArrayList<>();
    String where = where(text, params);
    params.add(page.size());
    params.add(page.offset());
    return jdbc.sql(SELECT + where + " ORDER BY u.id LIMIT ? OFFSET ?")
        .params(params)
        .query(UserRepository::map)
        .list();
  }

  public long countEnabledAdmins() {
    return jdbc.sql("SELECT count(*) FROM users WHERE role = 'admin' AND enabled")
        .query(Long.class)
        .single();
  }

  public long insert(
      String username,
      String passwordHash,
      String role,
      Set<String> permissions,
      String displayName,
      boolean mustChangePassword,
      Instant now) {
    return jdbc.sql(
            """
            INSERT INTO users (username, password_hash, role, permissions, display_name,
                must_change_password, password_changed_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """)
        .params(
            username,
            passwordHash,
            role,
            permissions.toArray(String[]::new),
            displayName,
            mustChangePassword,
            Timestamp.from(now),
            Timestamp.from(now),
            Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  public void update(
      long id,
      String role,
      Set<String> permissions,
      boolean enabled,
      String displayName,
      Instant now) {
    jdbc.sql(
            """
            UPDATE users SET role = ?, permissions = ?, enabled = ?, display_name = ?,
                updated_at = ? WHERE id = ?
            """)
        .params(
            role, permissions.toArray(String[]::new), enabled, displayName, Timestamp.from(now), id)
        .update();
  }

  public void updatePassword(long id, String hash, boolean mustChange, Instant now) {
    jdbc.sql(
            """
            UPDATE users SET password_hash = ?, must_change_password = ?,
                password_changed_at = ?, updated_at = ? WHERE id = ?
            """)
        .params(hash, mustChange, Timestamp.from(now), Timestamp.from(now), id)
        .update();
  }

  public void touchLastLogin(long id, Instant now) {
    jdbc.sql("UPDATE users SET last_login_at = ? WHERE id = ?")
        .params(Timestamp.from(now), id)
        .update();
  }

  private static String where(String text, List<Object> params) {
    if (text == null || text.isBlank()) {
      return "";
    }
    params.add(Sql.containsPattern(text.trim()));
    params.add(Sql.containsPattern(text.trim()));
    return " WHERE (u.username ILIKE ? OR u.display_name ILIKE ?)";
  }

  private static UserRow map(ResultSet rs, int n) throws SQLException {
    return new UserRow(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("password_hash"),
        rs.getString("role"),
        strings(rs.getArray("permissions")),
        rs.getString("display_name"),
        rs.getBoolean("enabled"),
        rs.getBoolean("must_change_password"),
        instant(rs, "last_login_at"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        rs.getInt("failed_count"),
        instant(rs, "last_failed_at"),
        instant(rs, "locked_until"));
  }

  static Set<String> strings(Array array) throws SQLException {
    if (array == null) {
      return Set.of();
    }
    return new LinkedHashSet<>(Arrays.asList((String[]) array.getArray()));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Sql.instant(rs.getTimestamp(column));
  }
}
