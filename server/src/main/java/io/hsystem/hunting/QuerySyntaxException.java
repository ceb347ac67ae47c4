package io.hsystem.hunting;

/** A hunting query that cannot be parsed; says what and where (0-based character position). */
public class QuerySyntaxException extends RuntimeException {

  private final int position;

  public QuerySyntaxException(String message, int position) {
    super(message + " at position " + position, null, false, false);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
