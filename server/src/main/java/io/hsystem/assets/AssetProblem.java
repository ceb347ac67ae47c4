package io.hsystem.assets;

import io.hsystem.shared.ProblemType;

/** Problems of the asset API. */
public enum AssetProblem implements ProblemType {
  NOT_FOUND("asset.not_found", 404, "No such asset");

  private final Spec spec;

  AssetProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
