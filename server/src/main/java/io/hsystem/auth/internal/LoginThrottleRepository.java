package io.hsystem.auth.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Failed-login counting per user name key (existing or not), so that lockouts answer alike for
 * every name.
 */
@Repository
public class LoginThrottleRepository {

  private final JdbcClient jdbc;

  public LoginThrottleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** End of the running lock of this key, if any. */
  public Optional<Instant> lockedUntil(String key, Instant now) {
    return jdbc.sql(
            "SELECT locked_until FROM login_throttle WHERE username_key = ? AND locked_until > ?")
        .params(key, Timestamp.from(now))
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant);
  }

  /**
   * Counts one failure; failures older than {@code window} and expired locks start the count
   * afresh. Returns the lock end when this failure locks the key.
   */
  public Optional<Instant> recordFailure(
      String key, Instant now, int maxFailures, Duration lockDuration, Duration window) {
    jdbc.sql(
            "INSERT INTO login_throttle (username_key, failed_count, last_failed_at)"
                + " VALUES (?, 0, ?) ON CONFLICT DO NOTHING")
        .params(key, Timestamp.from(now))
        .update();
    var row =
        jdbc.sql(
                "SELECT failed_count, last_failed_at, locked_until FROM login_throttle"
                    + " WHERE username_key = ? FOR UPDATE")
            .param(key)
            .query(
                (rs, n) ->
                    new Object[] {
                      rs.getInt(1),
                      rs.getTimestamp(2).toInstant(),
                      rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()
                    })
            .single();
    int count = (int) row[0];
    Instant lastFailed = (Instant) row[1];
    Instant lockedUntil = (Instant) row[2];
    boolean stale = lastFailed.isBefore(now.minus(window));
    boolean lockExpired = lockedUntil != null && !lockedUntil.isAfter(now);
    count = (stale || lockExpired) ? 1 : count + 1;
    Instant newLock = count >= maxFailures ? now.plus(lockDuration) : null;
    jdbc.sql(
            "UPDATE login_throttle SET failed_count = ?, last_failed_at = ?, locked_until = ?"
                + " WHERE username_key = ?")
        .params(count, Timestamp.from(now), newLock == null ? null : Timestamp.from(newLock), key)
        .update();
    return Optional.ofNullable(newLock);
  }

  public void clear(String key) {
    jdbc.sql("DELETE FROM login_throttle WHERE username_key = ?").param(key).update();
  }
}
