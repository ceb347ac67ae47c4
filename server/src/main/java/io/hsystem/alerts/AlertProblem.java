package io.hsystem.alerts;

import io.hsystem.shared.ProblemType;

/** Problems of the alert API. */
public enum AlertProblem implements ProblemType {
  NOT_FOUND("alert.not_found", 404, "No such alert"),
  INVALID_TRANSITION("alert.invalid_transition", 409, "This status change is not allowed"),
  SUPPRESSION_NOT_FOUND("alert.suppression_not_found", 404, "No such suppression");

  private final Spec spec;

  AlertProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
