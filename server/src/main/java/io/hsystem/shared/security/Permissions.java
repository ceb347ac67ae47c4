package io.hsystem.shared.security;

import java.util.List;

/**
 * The permission strings endpoints require. Roles are sets of these; {@code users.permissions} can
 * add more to one user. Strings, not an enum, because annotations need compile-time constants.
 */
public final class Permissions {

  public static final String ASSETS_READ = "assets:read";
  public static final String ASSETS_WRITE = "assets:write";
  public static final String VULNERABILITIES_READ = "vulnerabilities:read";
  public static final String VULNERABILITIES_WRITE = "vulnerabilities:write";
  public static final String USERS_READ = "users:read";
  public static final String USERS_WRITE = "users:write";
  public static final String AUDIT_READ = "audit:read";
  public static final String HUNTING_READ = "hunting:read";
  public static final String HUNTING_WRITE = "hunting:write";
  public static final String INGEST_ADMIN = "ingest:admin";
  public static final String ALERTS_READ = "alerts:read";
  public static final String ALERTS_WRITE = "alerts:write";
  public static final String RULES_READ = "rules:read";
  public static final String RULES_WRITE = "rules:write";
  public static final String INTEL_READ = "intel:read";
  public static final String INTEL_WRITE = "intel:write";
  public static final String NOTIFICATIONS_READ = "notifications:read";
  public static final String NOTIFICATIONS_WRITE = "notifications:write";
  public static final String SYSTEM_ADMIN = "system:admin";
  public static final String SENSORS_READ = "sensors:read";
  public static final String SENSORS_WRITE = "sensors:write";

  /** Every permission, for validation of {@code users.permissions}. */
  public static final List<String> ALL =
      List.of(
          ASSETS_READ,
          ASSETS_WRITE,
          VULNERABILITIES_READ,
          VULNERABILITIES_WRITE,
          USERS_READ,
          USERS_WRITE,
          AUDIT_READ,
          HUNTING_READ,
          HUNTING_WRITE,
          INGEST_ADMIN,
          ALERTS_READ,
          ALERTS_WRITE,
          RULES_READ,
          RULES_WRITE,
          INTEL_READ,
          INTEL_WRITE,
          NOTIFICATIONS_READ,
          NOTIFICATIONS_WRITE,
          SYSTEM_ADMIN,
          SENSORS_READ,
          SENSORS_WRITE);

  private Permissions() {}
}
