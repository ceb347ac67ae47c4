package io.hsystem.auth.web;

import io.hsystem.auth.User;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Timestamps;
import java.util.Set;
import java.util.TreeSet;

/** A user in API responses; never carries the password hash. */
record UserResponse(
    long id,
    String username,
    String displayName,
    String role,
    Set<String> permissions,
    Set<String> effectivePermissions,
    boolean enabled,
    boolean mustChangePassword,
    boolean locked,
    String lockedUntil,
    int failedLogins,
    String lastLoginAt,
    String createdAt,
    String updatedAt) {

  static UserResponse of(User u) {
    return new UserResponse(
        u.id(),
        u.username(),
        u.displayName(),
        Enums.value(u.role()),
        new TreeSet<>(u.permissions()),
        u.effectivePermissions(),
        u.enabled(),
        u.mustChangePassword(),
        u.lockedUntil() != null,
        Timestamps.format(u.lockedUntil()),
        u.failedLogins(),
        Timestamps.format(u.lastLoginAt()),
        Timestamps.format(u.createdAt()),
        Timestamps.format(u.updatedAt()));
  }
}
