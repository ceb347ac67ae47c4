package io.hsystem.sensor.shipper;

/**
 * Enrollment failed: the server refused it (then {@link #status()} and {@link #code()} say why,
 * e.g. 401 {@code enrollment_token_used}), or it could not be reached or verified (status 0).
 */
public class EnrollmentException extends RuntimeException {

  private final int status;
  private final String code;

  public EnrollmentException(String message, int status, String code, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status of the refusal, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** The problem's stable {@code code}, or null. */
  public String code() {
    return code;
  }
}
