package io.hsystem.eventstore.manticore;

/** A failure talking SphinxQL: an I/O problem or an ERR packet from the server. */
final class SphinxQlException extends RuntimeException {

  private final int errorCode;

  SphinxQlException(String message, Throwable cause) {
    super(message, cause);
    this.errorCode = 0;
  }

  SphinxQlException(int errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  /** The server's error code, 0 for client-side failures. */
  int errorCode() {
    return errorCode;
  }
}
