package io.hsystem.shared.security;

import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in user behind a request: the principal of every authenticated request.
 *
 * @param id user id
 * @param username user name
 * @param role role name
 * @param sessionId the login session the access token belongs to
 * @param permissions effective permissions (role's plus the user's own)
 * @param mustChangePassword the password was generated or reset: until it is changed, only the
 *     endpoints every signed-in user may call are open
 */
public record CurrentUser(
    long id,
    String username,
    String role,
    String sessionId,
    Set<String> permissions,
    boolean mustChangePassword) {

  /** The user of the current request, if it is authenticated. */
  public static Optional<CurrentUser> get() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
      return Optional.of(user);
    }
    return Optional.empty();
  }

  /** The user of the current request; only call where authentication is guaranteed. */
  public static CurrentUser require() {
    return get().orElseThrow(() -> new IllegalStateException("no authenticated user"));
  }
}
