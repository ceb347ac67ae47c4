package io.hsystem.assets;

import io.hsystem.shared.ProblemType;

/** Problems of the asset API. */
public enum AssetProblem implements ProblemType {
  NOT_FOUND("asset.not_found", 404, "No such asset");

  private final String code;
  private final int status;
  private final String title;

  AssetProblem(String code, int status, String title) {
    this.code = code;
    this.status = status;
    this.title = title;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String title() {
    return title;
  }
}
