package io.hsystem.system;

import io.hsystem.shared.ProblemType;

/** Problems of the update API. */
public enum UpdateProblem implements ProblemType {
  NO_TRUSTED_KEY(
      "update.no_trusted_key",
      409,
      "No update signing key is configured (HSYSTEM_UPDATE_PUBLIC_KEY)"),
  NOT_A_PACKAGE("update.not_a_package", 400, "The file is not an H-System update package"),
  UNSIGNED("update.unsigned", 400, "The update is not signed"),
  BAD_SIGNATURE("update.bad_signature", 400, "The update's signature does not verify"),
  WRONG_PRODUCT("update.wrong_product", 400, "The update is for another product"),
  NOT_NEWER("update.not_newer", 400, "The update is not newer than the running version"),
  TAMPERED("update.tampered", 400, "The update's files do not match its signed manifest"),
  SOURCE_UNREACHABLE("update.source_unreachable", 502, "The update server could not be reached"),
  NO_UPDATE("update.none_available", 409, "There is no update to install"),
  IN_PROGRESS("update.in_progress", 409, "An update is already running"),
  NO_LAUNCHER(
      "update.no_launcher",
      409,
      "This server was not started by its launcher, so it cannot restart into the update"),
  CONFIRM_BACKUP_REQUIRED(
      "update.confirm_backup_required", 400, "Confirm that a backup is taken first"),
  CONFIRMATION_REQUIRED(
      "update.confirmation_required",
      400,
      "Starting an update needs your password as confirmation"),
  CONFIRMATION_FAILED("update.confirmation_failed", 403, "The confirmation password is wrong");

  private final Spec spec;

  UpdateProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
