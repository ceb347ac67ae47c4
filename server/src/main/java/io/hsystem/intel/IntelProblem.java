package io.hsystem.intel;

import io.hsystem.shared.ProblemType;

/** Problems of the threat-intelligence API. */
public enum IntelProblem implements ProblemType {
  NOT_FOUND("intel.ioc_not_found", 404, "No such indicator"),
  DUPLICATE("intel.ioc_duplicate", 409, "This source already has this indicator"),
  IMPORT_MALFORMED("intel.import_malformed", 400, "The import cannot be read"),
  IMPORT_TOO_LARGE("intel.import_too_large", 413, "The import is too large");

  private final Spec spec;

  IntelProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
