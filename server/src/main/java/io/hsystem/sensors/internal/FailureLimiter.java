package io.hsystem.sensors.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed attempts per source address in a sliding window, to slow down guessing of
 * enrollment tokens. In memory and per instance: a restart forgets, which a 256-bit secret
 * tolerates; the limit is there to keep log and CPU noise down, not as the only defence.
 */
public final class FailureLimiter {

  private static final int MAX_ADDRESSES = 10_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>();

  public FailureLimiter(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Seconds until the address may try again, or 0 when it may now. */
  public synchronized long retryAfterSeconds(String address) {
    Deque<Instant> times = failures.get(address);
    if (times == null) {
      return 0;
    }
    Instant now = clock.instant();
    prune(times, now);
    if (times.size() < limit) {
      return 0;
    }
    return Math.max(1, Duration.between(now, times.peekFirst().plus(window)).toSeconds());
  }

  public synchronized void failed(String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(address)) {
      Iterator<Map.Entry<String, Deque<Instant>>> it = failures.entrySet().iterator();
      while (it.hasNext()) {
        Deque<Instant> times = it.next().getValue();
        prune(times, now);
        if (times.isEmpty()) {
          it.remove();
        }
      }
      if (failures.size() >= MAX_ADDRESSES) {
        it = failures.entrySet().iterator();
        it.next();
        it.remove();
      }
    }
    failures.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(now);
  }

  /** Forgets everything (tests). */
  public synchronized void clear() {
    failures.clear();
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant oldest = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(oldest)) {
      times.removeFirst();
    }
  }
}
