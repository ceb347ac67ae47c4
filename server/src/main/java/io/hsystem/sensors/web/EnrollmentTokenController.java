package io.hsystem.sensors.web;

import io.hsystem.audit.Audited;
import io.hsystem.sensors.EnrollmentToken;
import io.hsystem.sensors.EnrollmentTokenService;
import io.hsystem.shared.Page;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** One-time sensor enrollment tokens: created (shown once), listed, revoked. */
@RestController
@RequestMapping("/api/v1/sensors/enrollment-tokens")
class EnrollmentTokenController {

  private final EnrollmentTokenService tokens;

  EnrollmentTokenController(EnrollmentTokenService tokens) {
    this.tokens = tokens;
  }

  record CreateTokenRequest(Integer expiresInMinutes, String name) {}

  record TokenResponse(
      long id,
      String name,
      String prefix,
      String state,
      Long createdBy,
      String createdAt,
      String expiresAt,
      String usedAt,
      String usedBy,
      String revokedAt) {

    static TokenResponse of(EnrollmentToken t) {
      return new TokenResponse(
          t.id(),
          t.name(),
          t.prefix(),
          t.state(),
          t.createdBy(),
          Timestamps.format(t.createdAt()),
          Timestamps.format(t.expiresAt()),
          Timestamps.format(t.usedAt()),
          t.usedBy() == null ? null : t.usedBy().toString(),
          Timestamps.format(t.revokedAt()));
    }
  }

  /** The only response that carries the token. */
  record CreatedTokenResponse(
      long id, String name, String token, String command, String expiresAt, TokenResponse info) {}

  @PostMapping
  @RequirePermission(Permissions.SENSORS_WRITE)
  @Audited(action = "sensor.enrollment_token_create", targetType = "enrollment_token")
  @ResponseStatus(HttpStatus.CREATED)
  CreatedTokenResponse create(@RequestBody(required = false) CreateTokenRequest body) {
    CreateTokenRequest b = body == null ? new CreateTokenRequest(null, null) : body;
    var created = tokens.create(b.expiresInMinutes(), b.name(), CurrentUser.require().id());
    return new CreatedTokenResponse(
        created.token().id(),
        created.token().name(),
        created.secret(),
        created.command(),
        Timestamps.format(created.token().expiresAt()),
        TokenResponse.of(created.token()));
  }

  @GetMapping
  @RequirePermission(Permissions.SENSORS_READ)
  Page<TokenResponse> list() {
    List<TokenResponse> items = tokens.list().stream().map(TokenResponse::of).toList();
    return new Page<>(items.size(), items);
  }

  @DeleteMapping("/{id}")
  @RequirePermission(Permissions.SENSORS_WRITE)
  @Audited(action = "sensor.enrollment_token_revoke", targetType = "enrollment_token")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable long id) {
    tokens.revoke(id);
  }
}
