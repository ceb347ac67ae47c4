package io.hsystem.sensor.core;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection caps shared by every decoy: at most {@code maxGlobal} open connections, at most {@code
 * maxPerSource} from one address. A refused connection is closed by the caller at once and only
 * counted; per source at most one {@code connection_refused} summary event is emitted per minute
 * (the first refusal at once, the rest summed by {@link #flushSummaries()}).
 */
public final class ConnectionGuard {

  /** Sources whose refusals are remembered for summaries; beyond, refusals are only counted. */
  static final int MAX_SUMMARY_SOURCES = 10_000;

  private static final long SUMMARY_MILLIS = 60_000;

  private volatile int maxGlobal;
  private volatile int maxPerSource;
  private final Clock clock;
  private final EventEmitter emitter;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> perSource = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refusedGlobal = new AtomicLong();
  private final AtomicLong refusedPerSource = new AtomicLong();
  private final Map<InetAddress, Summary> summaries = new LinkedHashMap<>();

  private static final class Summary {
    long lastEmitted;
    long pending;
    String dstIp;
    int dstPort;
    String service;
  }

  public ConnectionGuard(int maxGlobal, int maxPerSource, Clock clock, EventEmitter emitter) {
    this.maxGlobal = maxGlobal;
    this.maxPerSource = maxPerSource;
    this.clock = clock;
    this.emitter = emitter;
  }

  /** Changes the caps; open connections above a lowered cap are left to finish. */
  public void setCaps(int global, int perSourceCap) {
    this.maxGlobal = global;
    this.maxPerSource = perSourceCap;
  }

  /**
   * Takes a slot for a new connection.
   *
   * @return true when the connection may proceed (then {@link #release} must follow exactly once)
   */
  public boolean tryAcquire(InetAddress source, String service, String dstIp, int dstPort) {
    if (open.incrementAndGet() > maxGlobal) {
      open.decrementAndGet();
      refusedGlobal.incrementAndGet();
      refused(source, service, dstIp, dstPort, "global");
      return false;
    }
    int[] now = new int[1];
    perSource.compute(source, (k, v) -> now[0] = v == null ? 1 : v + 1);
    if (now[0] > maxPerSource) {
      decrement(source);
      open.decrementAndGet();
      refusedPerSource.incrementAndGet();
      refused(source, service, dstIp, dstPort, "per-source");
      return false;
    }
    accepted.incrementAndGet();
    return true;
  }

  public void release(InetAddress source) {
    decrement(source);
    open.decrementAndGet();
  }

  private void decrement(InetAddress source) {
    perSource.computeIfPresent(source, (k, v) -> v <= 1 ? null : v - 1);
  }

  private void refused(
      InetAddress source, String service, String dstIp, int dstPort, String which) {
    long now = clock.millis();
    boolean emitNow;
    synchronized (summaries) {
      Summary summary = summaries.get(source);
      if (summary == null) {
        if (summaries.size() >= MAX_SUMMARY_SOURCES) {
          return;
        }
        summary = new Summary();
        summary.lastEmitted = Long.MIN_VALUE / 2;
        summaries.put(source, summary);
      }
      summary.pending++;
      summary.dstIp = dstIp;
      summary.dstPort = dstPort;
      summary.service = service;
      emitNow = now - summary.lastEmitted >= SUMMARY_MILLIS;
      if (emitNow) {
        summary.lastEmitted = now;
        summary.pending = 0;
      }
    }
    if (emitNow) {
      emitter.emit(summaryEvent(source, service, dstIp, dstPort, 1, which));
    }
  }

  /** Emits the summed refusals of sources last reported a minute or more ago; forgets idle ones. */
  public void flushSummaries() {
    long now = clock.millis();
    List<HoneypotEvent> events = new ArrayList<>();
    synchronized (summaries) {
      Iterator<Map.Entry<InetAddress, Summary>> it = summaries.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<InetAddress, Summary> e = it.next();
        Summary s = e.getValue();
        if (now - s.lastEmitted < SUMMARY_MILLIS) {
          continue;
        }
        if (s.pending == 0) {
          it.remove();
          continue;
        }
        events.add(summaryEvent(e.getKey(), s.service, s.dstIp, s.dstPort, s.pending, "cap"));
        s.pending = 0;
        s.lastEmitted = now;
      }
    }
    events.forEach(emitter::emit);
  }

  private HoneypotEvent summaryEvent(
      InetAddress source, String service, String dstIp, int dstPort, long count, String which) {
    return HoneypotEvent.of("connection_refused", clock.instant())
        .put("service", service)
        .put("src_ip", source.getHostAddress())
        .put("dst_ip", dstIp)
        .put("dst_port", dstPort)
        .put("protocol", "tcp")
        .put("refused_count", count)
        .put(
            "message",
            count
                + " connection(s) refused by the "
                + which
                + " connection cap (limits: "
                + maxGlobal
                + " total, "
                + maxPerSource
                + " per source)");
  }

  public long accepted() {
    return accepted.get();
  }

  public long refusedGlobal() {
    return refusedGlobal.get();
  }

  public long refusedPerSource() {
    return refusedPerSource.get();
  }

  public int open() {
    return open.get();
  }
}
