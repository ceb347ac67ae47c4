package io.hsystem.auth.web;

import io.hsystem.audit.Audited;
import io.hsystem.auth.Role;
import io.hsystem.auth.UserService;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
class UserController {

  private final UserService users;

  UserController(UserService users) {
    this.users = users;
  }

  record CreateUserRequest(
      @NotBlank @Size(max = 64) String username,
      @NotNull @Size(max = 256) String password,
      @NotBlank String role,
      @Size(max = 32) Set<@Size(max = 64) String> permissions,
      @Size(max = 128) String displayName) {}

  record UpdateUserRequest(
      String role,
      @Size(max = 32) Set<@Size(max = 64) String> permissions,
      Boolean enabled,
      @Size(max = 128) String displayName) {}

  record ResetPasswordRequest(@NotNull @Size(max = 256) String newPassword) {}

  @GetMapping
  @RequirePermission(Permissions.USERS_READ)
  Page<UserResponse> list(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) @Size(max = 128) String q) {
    return users.list(q, PageQuery.of(page, size)).map(UserResponse::of);
  }

  @GetMapping("/{id}")
  @RequirePermission(Permissions.USERS_READ)
  UserResponse get(@PathVariable long id) {
    return UserResponse.of(users.get(id));
  }

  @PostMapping
  @RequirePermission(Permissions.USERS_WRITE)
  @Audited(action = "user.create", targetType = "user")
  @ResponseStatus(HttpStatus.CREATED)
  UserResponse create(@Valid @RequestBody CreateUserRequest body) {
    return UserResponse.of(
        users.create(
            new UserService.NewUser(
                body.username(),
                body.password(),
                Enums.parse(Role.class, "role", body.role()),
                body.permissions(),
                body.displayName(),
                false)));
  }

  @PatchMapping("/{id}")
  @RequirePermission(Permissions.USERS_WRITE)
  @Audited(action = "user.update", targetType = "user")
  UserResponse update(@PathVariable long id, @Valid @RequestBody UpdateUserRequest body) {
    var changes =
        new UserService.UserChanges(
            Enums.parse(Role.class, "role", body.role()),
            body.permissions(),
            body.enabled(),
            body.displayName());
    return UserResponse.of(users.update(id, changes, CurrentUser.require()));
  }

  @PostMapping("/{id}/password")
  @RequirePermission(Permissions.USERS_WRITE)
  @Audited(action = "user.password_reset", targetType = "user")
  Map<String, Boolean> resetPassword(
      @PathVariable long id, @Valid @RequestBody ResetPasswordRequest body) {
    users.resetPassword(id, body.newPassword());
    return Map.of("success", true);
  }

  @PostMapping("/{id}/unlock")
  @RequirePermission(Permissions.USERS_WRITE)
  @Audited(action = "user.unlock", targetType = "user")
  Map<String, Boolean> unlock(@PathVariable long id) {
    users.unlock(id);
    return Map.of("success", true);
  }
}
