package io.hsystem.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A user as administrators see it.
 *
 * @param permissions permissions added to the role's
 * @param lockedUntil end of a running lockout, null when not locked
 * @param failedLogins failed logins counted towards the next lockout
 */
public record User(
    long id,
    String username,
    String displayName,
    Role role,
    Set<String> permissions,
    boolean enabled,
    boolean mustChangePassword,
    Instant lockedUntil,
    int failedLogins,
    Instant lastLoginAt,
    Instant createdAt,
    Instant updatedAt) {

  /** The role's permissions plus the user's own. */
  public Set<String> effectivePermissions() {
    var all = new java.util.TreeSet<>(role.permissions());
    all.addAll(permissions);
    return all;
  }
}
