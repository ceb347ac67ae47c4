package io.hsystem.system.web;

import io.hsystem.audit.Audited;
import io.hsystem.auth.AuthService;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import io.hsystem.system.UpdateCheck;
import io.hsystem.system.UpdateProblem;
import io.hsystem.system.UpdateService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Updates (spec §5.2): check, upload a package (offline sites), start with confirmation, status.
 */
@RestController
@RequestMapping("/api/v1/system/update")
class UpdateController {

  private final UpdateService updates;
  private final AuthService auth;

  UpdateController(UpdateService updates, AuthService auth) {
    this.updates = updates;
    this.auth = auth;
  }

  record CheckResponse(
      String currentVersion,
      String targetVersion,
      String updateSize,
      Long updateSizeBytes,
      String releaseNotes,
      String publishedAt,
      String source) {
    static CheckResponse of(UpdateCheck c) {
      return new CheckResponse(
          c.currentVersion(),
          c.targetVersion(),
          c.targetVersion() == null ? null : humanSize(c.updateSizeBytes()),
          c.targetVersion() == null ? null : c.updateSizeBytes(),
          c.releaseNotes(),
          Timestamps.format(c.publishedAt()),
          c.source());
    }
  }

  record StartRequest(Boolean confirmBackup, String password) {}

  @GetMapping("/check")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  CheckResponse check() {
    return CheckResponse.of(updates.check());
  }

  @PostMapping(value = "/upload", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  @Audited(action = "system.update.upload", targetType = "update")
  CheckResponse upload(HttpServletRequest request) throws IOException {
    return CheckResponse.of(updates.upload(request.getInputStream()));
  }

  @PostMapping("/start")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  @Audited(action = "system.update.start", targetType = "update")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> start(@RequestBody(required = false) StartRequest body) {
    StartRequest request = body == null ? new StartRequest(null, null) : body;
    if (!Boolean.TRUE.equals(request.confirmBackup())) {
      throw new ApiException(
          UpdateProblem.CONFIRM_BACKUP_REQUIRED,
          "confirm_backup: must be true — the update backs up the data before it applies");
    }
    if (request.password() == null || request.password().isEmpty()) {
      throw new ApiException(
          UpdateProblem.CONFIRMATION_REQUIRED, "password: send your password to confirm");
    }
    CurrentUser user = CurrentUser.require();
    if (!auth.confirmPassword(user, request.password())) {
      throw new ApiException(UpdateProblem.CONFIRMATION_FAILED, "password: is wrong");
    }
    return updates.start(true, user.username(), user.id());
  }

  @GetMapping("/status")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  Map<String, Object> status() {
    return updates.status();
  }

  static String humanSize(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return value >= 100
        ? String.format(Locale.ROOT, "%.0f %s", value, units[unit])
        : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
