package io.hsystem.system.web;

import io.hsystem.audit.Audited;
import io.hsystem.auth.AuthService;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Page;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import io.hsystem.system.BackupInfo;
import io.hsystem.system.BackupProblem;
import io.hsystem.system.BackupService;
import io.hsystem.system.RestoreStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backups: list, create, download, upload, delete; restore (staged for the next start, confirmed
 * with the caller's password). Backups hold every user's data, so only administrators reach them.
 */
@RestController
@RequestMapping("/api/v1/system")
class BackupController {

  private final BackupService backups;
  private final AuthService auth;

  BackupController(BackupService backups, AuthService auth) {
    this.backups = backups;
    this.auth = auth;
  }

  record BackupResponse(
      String id,
      String createdAt,
      long sizeBytes,
      String productVersion,
      String schemaVersion,
      String trigger,
      String createdBy) {
    static BackupResponse of(BackupInfo b) {
      return new BackupResponse(
          b.id(),
          Timestamps.format(b.createdAt()),
          b.sizeBytes(),
          b.productVersion(),
          b.schemaVersion(),
          b.trigger(),
          b.createdBy());
    }
  }

  record RestoreRequest(String password) {}

  record RestoreResponse(
      String status,
      String backupId,
      String backupCreatedAt,
      int tables,
      long rows,
      int files,
      boolean restartRequired) {
    static RestoreResponse of(RestoreStatus s) {
      return new RestoreResponse(
          "staged",
          s.backupId(),
          Timestamps.format(s.createdAt()),
          s.tables(),
          s.rows(),
          s.files(),
          s.restartRequired());
    }
  }

  @GetMapping("/backups")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  Page<BackupResponse> list() {
    List<BackupResponse> items = backups.list().stream().map(BackupResponse::of).toList();
    return new Page<>(items.size(), items);
  }

  @PostMapping("/backups")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  @Audited(action = "system.backup.create", targetType = "backup")
  @ResponseStatus(HttpStatus.CREATED)
  BackupResponse create() {
    return BackupResponse.of(backups.create("manual", CurrentUser.require().username()));
  }

  @GetMapping("/backups/{id}")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  BackupResponse get(@PathVariable String id) {
    return BackupResponse.of(backups.get(id));
  }

  @GetMapping("/backups/{id}/download")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  @Audited(action = "system.backup.download", targetType = "backup")
  ResponseEntity<FileSystemResource> download(@PathVariable String id) {
    Path file = backups.file(id);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(
            HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.getFileName() + "\"")
        .body(new FileSystemResource(file));
  }

  @PostMapping(value = "/backups/upload", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  @Audited(action = "system.backup.upload", targetType = "backup")
  @ResponseStatus(HttpStatus.CREATED)
  BackupResponse upload(HttpServletRequest request) throws IOException {
    return BackupResponse.of(backups.upload(request.getInputStream()));
  }

  @DeleteMapping("/backups/{id}")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  @Audited(action = "system.backup.delete", targetType = "backup")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String id) {
    backups.delete(id);
  }

  @PostMapping("/backups/{id}/restore")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  @Audited(action = "system.backup.restore_staged", targetType = "backup")
  @ResponseStatus(HttpStatus.ACCEPTED)
  RestoreResponse restore(
      @PathVariable String id, @RequestBody(required = false) RestoreRequest body) {
    String password = body == null ? null : body.password();
    if (password == null || password.isEmpty()) {
      throw new ApiException(
          BackupProblem.CONFIRMATION_REQUIRED, "password: send your password to confirm");
    }
    if (!auth.confirmPassword(CurrentUser.require(), password)) {
      throw new ApiException(BackupProblem.CONFIRMATION_FAILED, "password: is wrong");
    }
    return RestoreResponse.of(backups.stageRestore(id));
  }

  @GetMapping("/restore")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  ResponseEntity<RestoreResponse> pending() {
    RestoreStatus status = backups.pendingRestore();
    return status == null
        ? ResponseEntity.noContent().build()
        : ResponseEntity.ok(RestoreResponse.of(status));
  }

  @DeleteMapping("/restore")
  @RequirePermission(Permissions.SYSTEM_ADMIN)
  @Audited(action = "system.backup.restore_cancel", targetType = "backup")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void cancel() {
    backups.cancelRestore();
  }
}
