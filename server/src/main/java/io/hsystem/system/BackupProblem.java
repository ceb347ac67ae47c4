package io.hsystem.system;

import io.hsystem.shared.ProblemType;

/** Problems of the backup API. */
public enum BackupProblem implements ProblemType {
  NOT_FOUND("backup.not_found", 404, "No such backup"),
  KEY_MISSING(
      "backup.key_missing",
      409,
      "No backup key is configured (set HSYSTEM_BACKUP_KEY, at least 16 characters)"),
  IN_PROGRESS("backup.in_progress", 409, "A backup is being written"),
  NOT_A_BACKUP("backup.not_a_backup", 400, "The file is not an H-System backup"),
  UNSUPPORTED_VERSION("backup.unsupported_version", 400, "The backup's format is not supported"),
  WRONG_KEY("backup.wrong_key", 400, "The backup key does not open this backup"),
  DAMAGED("backup.damaged", 400, "The backup is damaged or was modified"),
  SCHEMA_MISMATCH(
      "backup.schema_mismatch",
      409,
      "The backup was made by a different version of H-System's database schema"),
  CONFIRMATION_REQUIRED(
      "backup.confirmation_required", 400, "Restoring needs your password as confirmation"),
  CONFIRMATION_FAILED("backup.confirmation_failed", 403, "The confirmation password is wrong");

  private final Spec spec;

  BackupProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
