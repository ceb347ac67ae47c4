package io.hsystem.sensors;

import io.hsystem.shared.ProblemType;

/** Problems of the sensor admin API and of the sensor gateway. */
public enum SensorProblem implements ProblemType {
  NOT_FOUND("sensor.not_found", 404, "No such sensor"),
  TOKEN_NOT_FOUND("sensor.enrollment_token_not_found", 404, "No such enrollment token"),
  TOKEN_INVALID("enrollment_token_invalid", 401, "The enrollment token is not valid"),
  TOKEN_EXPIRED("enrollment_token_expired", 401, "The enrollment token has expired"),
  TOKEN_USED("enrollment_token_used", 401, "The enrollment token was used already"),
  TOKEN_REVOKED("enrollment_token_revoked", 401, "The enrollment token was revoked"),
  ENROLLMENT_RATE_LIMITED(
      "enrollment_rate_limited", 429, "Too many failed enrollments from this address"),
  CSR_INVALID("sensor.csr_invalid", 400, "The certification request is not acceptable"),
  CERTIFICATE_REQUIRED(
      "sensor_certificate_required", 401, "The sensor's client certificate is missing or unknown"),
  REVOKED("sensor_revoked", 403, "The sensor's credentials were revoked"),
  BAD_SEQUENCE("sensor.bad_sequence", 400, "The batch's sequence numbers are not usable");

  private final Spec spec;

  SensorProblem(String code, int status, String title) {
    this.spec = new Spec(code, status, title);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
