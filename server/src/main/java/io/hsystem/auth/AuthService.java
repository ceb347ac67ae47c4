package io.hsystem.auth;

import io.hsystem.audit.AuditEntry;
import io.hsystem.audit.AuditLog;
import io.hsystem.audit.AuditOutcome;
import io.hsystem.auth.internal.LoginThrottleRepository;
import io.hsystem.auth.internal.PasswordPolicy;
import io.hsystem.auth.internal.SessionRepository;
import io.hsystem.auth.internal.Tokens;
import io.hsystem.auth.internal.UserRepository;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.FieldProblem;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions: login (with lockout after repeated failures), token refresh, logout, the signed-in
 * user's profile and own password change. Every login attempt is audited here, because only this
 * class knows whether it failed for a wrong password, a lock or a disabled account.
 */
@Service
public class AuthService {

  static final int MAX_USERNAME = 64;

  private final UserRepository users;
  private final SessionRepository sessions;
  private final LoginThrottleRepository throttle;
  private final Tokens tokens;
  private final PasswordEncoder encoder;
  private final AuthProperties properties;
  private final AuditLog audit;
  private final Clock clock;
  private final String dummyHash;
  private final org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder;
  private final io.hsystem.auth.internal.SessionUsers sessionUsers;

  AuthService(
      UserRepository users,
      SessionRepository sessions,
      LoginThrottleRepository throttle,
      Tokens tokens,
      PasswordEncoder encoder,
      AuthProperties properties,
      AuditLog audit,
      Clock clock,
      org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder,
      io.hsystem.auth.internal.SessionUsers sessionUsers) {
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.tokens = tokens;
    this.encoder = encoder;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
    this.dummyHash = encoder.encode(UUID.randomUUID().toString());
    this.jwtDecoder = jwtDecoder;
    this.sessionUsers = sessionUsers;
  }

  /**
   * Checks the credentials and opens a session. Wrong credentials and unknown or disabled users get
   * the same answer; after {@link AuthProperties#maxFailedLogins()} failures the user name is
   * locked, whether it exists or not, and the answer says until when.
   */
  @Transactional(noRollbackFor = ApiException.class)
  public TokenPair login(String username, String password, String sourceIp, String userAgent) {
    Instant now = clock.instant();
    String name = username.trim();
    String key = name.toLowerCase(Locale.ROOT);
    if (key.length() > MAX_USERNAME) {
      key = key.substring(0, MAX_USERNAME);
    }
    Optional<Instant> locked = throttle.lockedUntil(key, now);
    Optional<UserRepository.UserRow> user = users.findByUsername(name);
    if (locked.isPresent()) {
      auditLogin(user, name, sourceIp, AuditOutcome.DENIED, "locked");
      throw locked(locked.get());
    }
    boolean matches =
        encoder.matches(password, user.map(UserRepository.UserRow::passwordHash).orElse(dummyHash));
    if (user.isEmpty() || !matches || !user.get().enabled()) {
      String reason = user.isEmpty() ? "unknown_user" : !matches ? "wrong_password" : "disabled";
      Optional<Instant> nowLocked =
          throttle.recordFailure(
              key,
              now,
              properties.maxFailedLogins(),
              properties.lockDuration(),
              properties.lockDuration());
      auditLogin(user, name, sourceIp, AuditOutcome.FAILURE, reason);
      if (nowLocked.isPresent()) {
        throw locked(nowLocked.get());
      }
      throw new ApiException(AuthProblem.INVALID_CREDENTIALS, "wrong user name or password");
    }
    UserRepository.UserRow row = user.get();
    throttle.clear(key);
    users.touchLastLogin(row.id(), now);
    String refresh = Tokens.newRefreshToken();
    UUID sessionId = UUID.randomUUID();
    sessions.insert(
        sessionId,
        row.id(),
        Tokens.sha256(refresh),
        now,
        now.plus(properties.refreshTokenTtl()),
        sourceIp,
        userAgent == null ? null : userAgent.substring(0, Math.min(256, userAgent.length())));
    auditLogin(user, name, sourceIp, AuditOutcome.SUCCESS, null);
    return pair(row, sessionId, refresh);
  }

  /** Exchanges a refresh token for a new access token and a new refresh token (rotation). */
  @Transactional(noRollbackFor = ApiException.class)
  public TokenPair refresh(String refreshToken) {
    Instant now = clock.instant();
    var session =
        sessions
            .findByRefreshHashForUpdate(Tokens.sha256(refreshToken))
            .filter(s -> s.revokedAt() == null && s.expiresAt().isAfter(now))
            .orElseThrow(
                () ->
                    new ApiException(
                        AuthProblem.INVALID_REFRESH_TOKEN,
                        "the refresh token is unknown, used, expired or revoked"));
    var user =
        users
            .findById(session.userId())
            .filter(UserRepository.UserRow::enabled)
            .orElseThrow(
                () ->
                    new ApiException(AuthProblem.INVALID_REFRESH_TOKEN, "the account is disabled"));
    String refresh = Tokens.newRefreshToken();
    sessions.rotateRefresh(session.id(), Tokens.sha256(refresh));
    return pair(user, session.id(), refresh);
  }

  /** Ends the caller's session: its access and refresh tokens stop working at once. */
  @Transactional
  public void logout(CurrentUser user) {
    sessions.revoke(UUID.fromString(user.sessionId()), clock.instant());
  }

  @Transactional(readOnly = true)
  public User me(CurrentUser user) {
    return users
        .findById(user.id())
        .map(row -> UserService.toUser(row, clock.instant()))
        .orElseThrow(() -> new ApiException(AuthProblem.USER_NOT_FOUND, "no such user"));
  }

  /**
   * Whether {@code password} is the caller's own: the second confirmation that dangerous operations
   * (restoring a backup, starting an update) ask for.
   */
  public boolean confirmPassword(CurrentUser user, String password) {
    if (password == null || password.isEmpty()) {
      return false;
    }
    return users
        .findById(user.id())
        .map(row -> encoder.matches(password, row.passwordHash()))
        .orElse(false);
  }

  /** Changes the caller's password; the caller's other sessions are ended. */
  @Transactional
  public void changePassword(CurrentUser user, String currentPassword, String newPassword) {
    var row =
        users
            .findById(user.id())
            .orElseThrow(() -> new ApiException(AuthProblem.USER_NOT_FOUND, "no such user"));
    if (!encoder.matches(currentPassword, row.passwordHash())) {
      throw new ApiException(
          AuthProblem.WRONG_CURRENT_PASSWORD,
          "current_password: is wrong",
          List.of(new FieldProblem("current_password", "is wrong")),
          Map.of());
    }
    UserService.checkPolicy(
        new PasswordPolicy(properties.passwordMinLength()), row.username(), newPassword);
    Instant now = clock.instant();
    users.updatePassword(row.id(), encoder.encode(newPassword), false, now);
    sessions.revokeAllOf(row.id(), UUID.fromString(user.sessionId()), now);
  }

  /**
   * The user behind an access token, for channels without the HTTP security chain (the realtime
   * socket). Invalid, expired or revoked tokens are refused.
   */
  public CurrentUser authenticateToken(String accessToken) {
    if (accessToken == null || accessToken.isBlank()) {
      throw new ApiException(
          io.hsystem.shared.CommonProblem.UNAUTHENTICATED,
          "sign in first: no access token was sent");
    }
    try {
      return sessionUsers.fromJwt(jwtDecoder.decode(accessToken));
    } catch (org.springframework.security.oauth2.jwt.JwtException
        | org.springframework.security.core.AuthenticationException e) {
      throw new ApiException(
          io.hsystem.shared.CommonProblem.UNAUTHENTICATED,
          "the access token is invalid, expired or revoked");
    }
  }

  private TokenPair pair(UserRepository.UserRow user, UUID sessionId, String refresh) {
    return new TokenPair(
        tokens.accessToken(user.id(), user.username(), sessionId, properties.accessTokenTtl()),
        properties.accessTokenTtl(),
        refresh,
        properties.refreshTokenTtl(),
        user.mustChangePassword());
  }

  private static ApiException locked(Instant until) {
    return new ApiException(
        AuthProblem.ACCOUNT_LOCKED,
        "too many failed logins: the account is locked until " + Timestamps.format(until) + " UTC",
        List.of(),
        Map.of("locked_until", Timestamps.format(until)));
  }

  private void auditLogin(
      Optional<UserRepository.UserRow> user,
      String attempted,
      String sourceIp,
      AuditOutcome outcome,
      String reason) {
    String name =
        attempted.length() > MAX_USERNAME ? attempted.substring(0, MAX_USERNAME) : attempted;
    audit.record(
        new AuditEntry(
            user.map(UserRepository.UserRow::id).orElse(null),
            user.map(UserRepository.UserRow::username).orElse(name),
            sourceIp,
            "auth.login",
            "user",
            user.map(u -> Long.toString(u.id())).orElse(null),
            outcome,
            reason == null ? Map.of() : Map.of("reason", reason)));
  }
}
