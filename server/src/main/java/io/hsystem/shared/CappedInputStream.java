package io.hsystem.shared;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that answers 413 (an {@link ApiException}) once more than {@code max} bytes are read.
 */
public final class CappedInputStream extends FilterInputStream {

  private final long max;
  private long read;

  public CappedInputStream(InputStream in, long max) {
    super(in);
    this.max = max;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) {
    read += n;
    if (read > max) {
      throw new ApiException(
          CommonProblem.PAYLOAD_TOO_LARGE, "the body is larger than " + max + " bytes");
    }
  }
}
