package io.hsystem.auth;

import static io.hsystem.shared.security.Permissions.ALERTS_READ;
import static io.hsystem.shared.security.Permissions.ALERTS_WRITE;
import static io.hsystem.shared.security.Permissions.ASSETS_READ;
import static io.hsystem.shared.security.Permissions.ASSETS_WRITE;
import static io.hsystem.shared.security.Permissions.AUDIT_READ;
import static io.hsystem.shared.security.Permissions.HUNTING_READ;
import static io.hsystem.shared.security.Permissions.HUNTING_WRITE;
import static io.hsystem.shared.security.Permissions.INTEL_READ;
import static io.hsystem.shared.security.Permissions.INTEL_WRITE;
import static io.hsystem.shared.security.Permissions.NOTIFICATIONS_READ;
import static io.hsystem.shared.security.Permissions.RULES_READ;
import static io.hsystem.shared.security.Permissions.RULES_WRITE;
import static io.hsystem.shared.security.Permissions.SENSORS_READ;
import static io.hsystem.shared.security.Permissions.USERS_READ;
import static io.hsystem.shared.security.Permissions.VULNERABILITIES_READ;
import static io.hsystem.shared.security.Permissions.VULNERABILITIES_WRITE;

import io.hsystem.shared.security.Permissions;
import java.util.Set;

/** Roles and the permissions each grants; {@code users.permissions} may add to them. */
public enum Role {
  /** Everything, including users and the audit log. */
  ADMIN(Set.copyOf(Permissions.ALL)),
  /** Day-to-day security work: alerts, hunting, rules, intelligence, assets, vulnerabilities. */
  ANALYST(
      Set.of(
          ASSETS_READ,
          ASSETS_WRITE,
          VULNERABILITIES_READ,
          VULNERABILITIES_WRITE,
          HUNTING_READ,
          HUNTING_WRITE,
          ALERTS_READ,
          ALERTS_WRITE,
          RULES_READ,
          RULES_WRITE,
          INTEL_READ,
          INTEL_WRITE,
          NOTIFICATIONS_READ,
          SENSORS_READ)),
  /** Read-only, including the audit log and the user list. */
  AUDITOR(
      Set.of(
          ASSETS_READ,
          VULNERABILITIES_READ,
          USERS_READ,
          AUDIT_READ,
          HUNTING_READ,
          ALERTS_READ,
          RULES_READ,
          INTEL_READ,
          NOTIFICATIONS_READ,
          SENSORS_READ));

  private final Set<String> permissions;

  Role(Set<String> permissions) {
    this.permissions = permissions;
  }

  public Set<String> permissions() {
    return permissions;
  }
}
