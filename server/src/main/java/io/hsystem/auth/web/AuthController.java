package io.hsystem.auth.web;

import io.hsystem.audit.Audited;
import io.hsystem.audit.NotAudited;
import io.hsystem.auth.AuthService;
import io.hsystem.auth.TokenPair;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.PublicEndpoint;
import io.hsystem.shared.security.RequirePermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

  private final AuthService auth;

  AuthController(AuthService auth) {
    this.auth = auth;
  }

  record LoginRequest(
      @NotBlank @Size(max = 256) String username, @NotNull @Size(max = 256) String password) {}

  record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {}

  record ChangePasswordRequest(
      @NotNull @Size(max = 256) String currentPassword,
      @NotNull @Size(max = 256) String newPassword) {}

  record TokenResponse(
      String accessToken,
      String tokenType,
      long expiresIn,
      String refreshToken,
      long refreshExpiresIn,
      boolean mustChangePassword) {

    static TokenResponse of(TokenPair pair) {
      return new TokenResponse(
          pair.accessToken(),
          "Bearer",
          pair.accessTokenTtl().toSeconds(),
          pair.refreshToken(),
          pair.refreshTokenTtl().toSeconds(),
          pair.mustChangePassword());
    }
  }

  @PostMapping("/login")
  @PublicEndpoint("this is how a user obtains a token")
  @Audited(action = "auth.login", targetType = "user", recordedByService = true)
  TokenResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request) {
    return TokenResponse.of(
        auth.login(
            body.username(),
            body.password(),
            request.getRemoteAddr(),
            request.getHeader("User-Agent")));
  }

  @PostMapping("/refresh")
  @PublicEndpoint("the refresh token itself is the credential")
  @NotAudited("renews an existing session; the login that opened it is audited")
  TokenResponse refresh(@Valid @RequestBody RefreshRequest body) {
    return TokenResponse.of(auth.refresh(body.refreshToken()));
  }

  @PostMapping("/logout")
  @RequirePermission(RequirePermission.AUTHENTICATED)
  @Audited(action = "auth.logout", targetType = "session")
  Map<String, Boolean> logout() {
    auth.logout(CurrentUser.require());
    return Map.of("success", true);
  }

  @GetMapping("/me")
  @RequirePermission(RequirePermission.AUTHENTICATED)
  UserResponse me() {
    CurrentUser user = CurrentUser.require();
    return UserResponse.of(auth.me(user));
  }

  @PutMapping("/password")
  @RequirePermission(RequirePermission.AUTHENTICATED)
  @Audited(action = "auth.password_change", targetType = "user")
  @ResponseStatus(HttpStatus.OK)
  Map<String, Boolean> changePassword(@Valid @RequestBody ChangePasswordRequest body) {
    CurrentUser user = CurrentUser.require();
    io.hsystem.audit.AuditContext.target(user.id());
    auth.changePassword(user, body.currentPassword(), body.newPassword());
    return Map.of("success", true);
  }
}
