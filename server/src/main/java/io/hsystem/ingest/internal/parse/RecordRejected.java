package io.hsystem.ingest.internal.parse;

/**
 * A source record that cannot become a canonical event. The reason is short and meant for people
 * (e.g. {@code "event_time: not a timestamp: 'yesterday'"}); it names the offending field.
 */
public final class RecordRejected extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /** Creates a rejection with a short, human reason. */
  public RecordRejected(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
  }

  /** The short, human reason, naming the field at fault. */
  public String reason() {
    return reason;
  }
}
