package io.hsystem.auth;

import io.hsystem.audit.AuditContext;
import io.hsystem.auth.internal.LoginThrottleRepository;
import io.hsystem.auth.internal.PasswordPolicy;
import io.hsystem.auth.internal.SessionRepository;
import io.hsystem.auth.internal.UserRepository;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Enums;
import io.hsystem.shared.FieldProblem;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Administration of users: create, list, change role and permissions, disable, reset, unlock. */
@Service
public class UserService {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

  private final UserRepository users;
  private final SessionRepository sessions;
  private final LoginThrottleRepository throttle;
  private final PasswordEncoder encoder;
  private final PasswordPolicy policy;
  private final Clock clock;

  UserService(
      UserRepository users,
      SessionRepository sessions,
      LoginThrottleRepository throttle,
      PasswordEncoder encoder,
      AuthProperties properties,
      Clock clock) {
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.encoder = encoder;
    this.policy = new PasswordPolicy(properties.passwordMinLength());
    this.clock = clock;
  }

  /**
   * A new user.
   *
   * @param permissions permissions added to the role's (may be empty)
   * @param mustChangePassword the user must choose a new password after the first login
   */
  public record NewUser(
      String username,
      String password,
      Role role,
      Set<String> permissions,
      String displayName,
      boolean mustChangePassword) {}

  /** Changes to a user; null leaves a field as it is. */
  public record UserChanges(
      Role role, Set<String> permissions, Boolean enabled, String displayName) {}

  @Transactional(readOnly = true)
  public Page<User> list(String text, PageQuery page) {
    Instant now = clock.instant();
    return new Page<>(
        users.count(text), users.list(text, page).stream().map(r -> toUser(r, now)).toList());
  }

  @Transactional(readOnly = true)
  public User get(long id) {
    return toUser(row(id), clock.instant());
  }

  @Transactional(readOnly = true)
  public boolean anyUserExists() {
    return users.count() > 0;
  }

  @Transactional
  public User create(NewUser user) {
    String username = user.username() == null ? "" : user.username().trim();
    if (!USERNAME.matcher(username).matches()) {
      throw ApiException.badField("username", "3 to 64 characters: letters, digits and . _ @ -");
    }
    if (user.role() == null) {
      throw ApiException.badField("role", "is required");
    }
    checkPolicy(policy, username, user.password());
    Set<String> permissions = checkPermissions(user.permissions());
    long id;
    try {
      id =
          users.insert(
              username,
              encoder.encode(user.password()),
              Enums.value(user.role()),
              permissions,
              user.displayName(),
              user.mustChangePassword(),
              clock.instant());
    } catch (DuplicateKeyException e) {
      throw new ApiException(AuthProblem.USERNAME_TAKEN, "the user name " + username + " is taken");
    }
    AuditContext.target(id);
    AuditContext.detail("username", username);
    AuditContext.detail("role", Enums.value(user.role()));
    return get(id);
  }

  /**
   * Applies role, permission, enabled and display-name changes. Disabling ends the user's sessions.
   * Nobody can disable or demote themselves, and the last enabled admin stays one.
   */
  @Transactional
  public User update(long id, UserChanges changes, CurrentUser actor) {
    UserRepository.UserRow row = row(id);
    Role oldRole = Role.valueOf(row.role().toUpperCase(Locale.ROOT));
    Role role = changes.role() == null ? oldRole : changes.role();
    boolean enabled = changes.enabled() == null ? row.enabled() : changes.enabled();
    Set<String> permissions =
        changes.permissions() == null ? row.permissions() : checkPermissions(changes.permissions());
    String displayName = changes.displayName() == null ? row.displayName() : changes.displayName();
    boolean losesAdmin = oldRole == Role.ADMIN && row.enabled() && (role != Role.ADMIN || !enabled);
    if (actor.id() == id && (!enabled || role != oldRole)) {
      throw new ApiException(
          AuthProblem.SELF_CHANGE, "you cannot disable or change the role of your own account");
    }
    if (losesAdmin && users.countEnabledAdmins() <= 1) {
      throw new ApiException(AuthProblem.LAST_ADMIN, "this is the last enabled administrator");
    }
    Instant now = clock.instant();
    users.update(id, Enums.value(role), permissions, enabled, displayName, now);
    if (!enabled && row.enabled()) {
      sessions.revokeAllOf(id, null, now);
    }
    if (role != oldRole) {
      AuditContext.detail("role_from", Enums.value(oldRole));
      AuditContext.detail("role_to", Enums.value(role));
    }
    if (enabled != row.enabled()) {
      AuditContext.detail("enabled", enabled);
    }
    if (!permissions.equals(row.permissions())) {
      AuditContext.detail("permissions", new TreeSet<>(permissions));
    }
    return get(id);
  }

  /** Sets a new password chosen by an admin; the user must change it and is signed out. */
  @Transactional
  public void resetPassword(long id, String newPassword) {
    UserRepository.UserRow row = row(id);
    checkPolicy(policy, row.username(), newPassword);
    Instant now = clock.instant();
    users.updatePassword(id, encoder.encode(newPassword), true, now);
    sessions.revokeAllOf(id, null, now);
    throttle.clear(row.username().toLowerCase(Locale.ROOT));
  }

  /** Lifts a lockout before its time. */
  @Transactional
  public void unlock(long id) {
    throttle.clear(row(id).username().toLowerCase(Locale.ROOT));
  }

  static void checkPolicy(PasswordPolicy policy, String username, String password) {
    List<String> problems = policy.violations(username, password);
    if (!problems.isEmpty()) {
      String message = "needs " + String.join("; ", problems);
      throw new ApiException(
          AuthProblem.WEAK_PASSWORD,
          "password: " + message,
          List.of(new FieldProblem("password", message)),
          Map.of());
    }
  }

  private static Set<String> checkPermissions(Set<String> permissions) {
    if (permissions == null) {
      return Set.of();
    }
    for (String p : permissions) {
      if (!Permissions.ALL.contains(p)) {
        throw ApiException.badField(
            "permissions", "unknown permission " + p + "; known: " + Permissions.ALL);
      }
    }
    return new TreeSet<>(permissions);
  }

  private UserRepository.UserRow row(long id) {
    return users
        .findById(id)
        .orElseThrow(() -> new ApiException(AuthProblem.USER_NOT_FOUND, "no user with id " + id));
  }

  static User toUser(UserRepository.UserRow row, Instant now) {
    boolean locked = row.lockedUntil() != null && row.lockedUntil().isAfter(now);
    return new User(
        row.id(),
        row.username(),
        row.displayName(),
        Role.valueOf(row.role().toUpperCase(Locale.ROOT)),
        row.permissions(),
        row.enabled(),
        row.mustChangePassword(),
        locked ? row.lockedUntil() : null,
        row.failedCount(),
        row.lastLoginAt(),
        row.createdAt(),
        row.updatedAt());
  }
}
