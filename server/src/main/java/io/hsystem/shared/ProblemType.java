package io.hsystem.shared;

/**
 * One kind of error the API can answer with (RFC 9457). Each module lists its own in an enum whose
 * constants carry a {@link Spec}.
 *
 * <p>{@link #code()} is stable: the console translates it and clients may branch on it, so a code
 * is never renamed once released.
 */
public interface ProblemType {

  /**
   * @param code stable machine-readable code, e.g. {@code asset.not_found}
   * @param status HTTP status the problem is answered with
   * @param title short human-readable summary, the same for every occurrence
   */
  record Spec(String code, int status, String title) {}

  Spec spec();

  default String code() {
    return spec().code();
  }

  default int status() {
    return spec().status();
  }

  default String title() {
    return spec().title();
  }
}
