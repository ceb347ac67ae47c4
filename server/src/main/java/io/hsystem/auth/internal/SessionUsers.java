package io.hsystem.auth.internal;

import io.hsystem.auth.Role;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.RequirePermission;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * The user behind a valid JWT, from its session: a revoked or expired session, or a disabled user,
 * makes the token worthless at once. Permissions come from the database, so a role change applies
 * to the next request.
 */
@Component
public class SessionUsers {

  private final SessionRepository sessions;
  private final Clock clock;

  public SessionUsers(SessionRepository sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  public CurrentUser fromJwt(Jwt jwt) {
    UUID sid;
    try {
      sid = UUID.fromString(jwt.getClaimAsString(Tokens.SESSION_CLAIM));
    } catch (RuntimeException e) {
      throw new InvalidBearerTokenException("the token has no session");
    }
    var session =
        sessions
            .findActive(sid, clock.instant())
            .orElseThrow(() -> new InvalidBearerTokenException("the session has ended"));
    Set<String> permissions =
        new TreeSet<>(Role.valueOf(session.role().toUpperCase(Locale.ROOT)).permissions());
    permissions.addAll(session.permissions());
    permissions.add(RequirePermission.AUTHENTICATED);
    return new CurrentUser(
        session.userId(),
        session.username(),
        session.role(),
        sid.toString(),
        permissions,
        session.mustChangePassword());
  }
}
