package io.hsystem.auth;

import io.hsystem.shared.ProblemType;

/** Problems of authentication and user administration. */
public enum AuthProblem implements ProblemType {
  INVALID_CREDENTIALS("auth.invalid_credentials", 401, "Wrong user name or password"),
  ACCOUNT_LOCKED("auth.account_locked", 423, "Too many failed logins: the account is locked"),
  INVALID_REFRESH_TOKEN("auth.invalid_refresh_token", 401, "The refresh token is not valid"),
  WEAK_PASSWORD("auth.weak_password", 400, "The password does not meet the policy"),
  WRONG_CURRENT_PASSWORD("auth.wrong_current_password", 400, "The current password is wrong"),
  USER_NOT_FOUND("user.not_found", 404, "No such user"),
  USERNAME_TAKEN("user.username_taken", 409, "The user name is taken"),
  LAST_ADMIN("user.last_admin", 409, "The last enabled administrator must stay"),
  SELF_CHANGE("user.self_change", 409, "You cannot disable or demote yourself");

  private final Spec spec;

  AuthProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
