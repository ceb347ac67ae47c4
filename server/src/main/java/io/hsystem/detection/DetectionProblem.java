package io.hsystem.detection;

import io.hsystem.shared.ProblemType;

/** Problems of the rules API. */
public enum DetectionProblem implements ProblemType {
  RULE_NOT_FOUND("rule.not_found", 404, "No such rule"),
  RULE_INVALID("rule.invalid", 400, "The rule cannot be used"),
  RULE_EXISTS("rule.exists", 409, "A rule with this id exists"),
  BUILTIN_RULE("rule.builtin", 409, "Shipped rules cannot be changed or deleted, only disabled"),
  PACK_INVALID("rule.pack_invalid", 400, "The rule pack cannot be read");

  private final Spec spec;

  DetectionProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
