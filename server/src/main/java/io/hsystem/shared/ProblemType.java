package io.hsystem.shared;

/**
 * One kind of error the API can answer with (RFC 9457). Each module lists its own in an enum.
 *
 * <p>{@link #code()} is stable: the console translates it and clients may branch on it, so a code
 * is never renamed once released.
 */
public interface ProblemType {

  /** Stable machine-readable code, e.g. {@code asset.not_found}. */
  String code();

  /** HTTP status the problem is answered with. */
  int status();

  /** Short human-readable summary, the same for every occurrence. */
  String title();
}
