package io.hsystem.notifications.internal;

/**
 * A message could not be delivered. The message is shown to users (test results, last error), so it
 * names the target by host only and never contains a secret.
 */
public class DeliveryException extends Exception {

  private final boolean transientFailure;

  private DeliveryException(String message, boolean transientFailure) {
    super(message, null, false, false);
    this.transientFailure = transientFailure;
  }

  /** A failure that may pass on its own (timeout, refused connection, 5xx, 429): retried. */
  public static DeliveryException retryable(String message) {
    return new DeliveryException(message, true);
  }

  /** A failure that repeating cannot fix (refused target, rejected credentials, 4xx). */
  public static DeliveryException permanent(String message) {
    return new DeliveryException(message, false);
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
