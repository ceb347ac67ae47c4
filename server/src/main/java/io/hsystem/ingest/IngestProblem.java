package io.hsystem.ingest;

import io.hsystem.shared.ProblemType;

/** Problems of the ingest API. */
public enum IngestProblem implements ProblemType {
  INVALID_KEY("ingest.invalid_key", 401, "The ingest API key is missing, unknown or revoked"),
  KEY_NOT_FOUND("ingest.key_not_found", 404, "No such ingest key"),
  TOO_LARGE("ingest.too_large", 413, "The batch is too large"),
  TOO_MANY_RECORDS("ingest.too_many_records", 400, "The batch has too many records"),
  EMPTY("ingest.empty", 400, "The batch has no records"),
  BAD_ENCODING("ingest.bad_encoding", 400, "The body cannot be decoded"),
  OVERLOADED("ingest.overloaded", 503, "Ingest is saturated: retry later");

  private final Spec spec;

  IngestProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
