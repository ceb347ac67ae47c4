package io.hsystem.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds → percentiles in milliseconds. */
final class Stats {

  private long[] samples = new long[1024];
  private int size;

  synchronized void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  synchronized int count() {
    return size;
  }

  /** Nearest-rank percentile, in ms. */
  synchronized double percentileMs(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
  }

  synchronized double maxMs() {
    long max = 0;
    for (int i = 0; i < size; i++) {
      max = Math.max(max, samples[i]);
    }
    return max / 1e6;
  }

  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return v < 10
        ? String.format("%.2f", v)
        : v < 100 ? String.format("%.1f", v) : String.format("%.0f", v);
  }
}
