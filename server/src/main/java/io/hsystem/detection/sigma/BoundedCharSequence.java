package io.hsystem.detection.sigma;

/**
 * A view of an attacker-controlled value for {@link java.util.regex.Matcher}: at most {@link
 * #MAX_LENGTH} characters are exposed, and every character read counts against a budget. A pattern
 * that backtracks catastrophically on the value runs out of budget and is abandoned ({@link
 * Exhausted}) instead of holding a detection thread for minutes.
 */
final class BoundedCharSequence implements CharSequence {

  /** Longest value a regular expression is run on; the rest is not searched. */
  static final int MAX_LENGTH = 16_384;

  /** Character reads allowed per match attempt: ~100 full passes over the longest value. */
  static final long BUDGET = 100L * MAX_LENGTH;

  /** Thrown when the budget is spent. */
  static final class Exhausted extends RuntimeException {
    Exhausted() {
      super("regular expression exceeded its budget", null, false, false);
    }
  }

  private final CharSequence value;
  private final int offset;
  private final int length;
  private final long[] budget;

  private BoundedCharSequence(CharSequence value, int offset, int length, long[] budget) {
    this.value = value;
    this.offset = offset;
    this.length = length;
    this.budget = budget;
  }

  static BoundedCharSequence of(CharSequence value) {
    return new BoundedCharSequence(
        value, 0, Math.min(value.length(), MAX_LENGTH), new long[] {BUDGET});
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (--budget[0] < 0) {
      throw new Exhausted();
    }
    return value.charAt(offset + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BoundedCharSequence(value, offset + start, end - start, budget);
  }

  @Override
  public String toString() {
    return value.subSequence(offset, offset + length).toString();
  }
}
