package io.hsystem.shared;

/** Problems any endpoint can answer with. */
public enum CommonProblem implements ProblemType {
  VALIDATION("validation_failed", 400, "The request is invalid"),
  MALFORMED_BODY("malformed_body", 400, "The request body cannot be read"),
  UNAUTHENTICATED("unauthenticated", 401, "Authentication is required"),
  FORBIDDEN("forbidden", 403, "Permission denied"),
  PASSWORD_CHANGE_REQUIRED("password_change_required", 403, "Change your password first"),
  NOT_FOUND("not_found", 404, "No such resource"),
  METHOD_NOT_ALLOWED("method_not_allowed", 405, "Method not allowed"),
  NOT_ACCEPTABLE("not_acceptable", 406, "Not acceptable"),
  CONFLICT("conflict", 409, "The request conflicts with the current state"),
  PAYLOAD_TOO_LARGE("payload_too_large", 413, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, "Unsupported media type"),
  INTERNAL("internal_error", 500, "Internal server error");

  private final Spec spec;

  CommonProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
