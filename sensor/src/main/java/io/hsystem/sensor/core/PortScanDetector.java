package io.hsystem.sensor.core;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Notices one source touching several decoy ports: when a source has touched {@code threshold}
 * distinct ports within {@code window} of its first touch, one {@code port_scan} event is emitted;
 * further touches in the same window add nothing. Memory is bounded: at most {@link #MAX_SOURCES}
 * sources are tracked (the oldest is forgotten) and {@link #MAX_PORTS} ports per source.
 */
public final class PortScanDetector {

  public static final int MAX_SOURCES = 10_000;
  public static final int MAX_PORTS = 64;

  private final int threshold;
  private final long windowMillis;
  private final Clock clock;
  private final EventEmitter emitter;
  private final Map<InetAddress, Track> tracks = new LinkedHashMap<>(256, 0.75f, true);

  private static final class Track {
    long windowStart;
    final TreeSet<Integer> ports = new TreeSet<>();
    boolean reported;
  }

  public PortScanDetector(int threshold, int windowSeconds, Clock clock, EventEmitter emitter) {
    this.threshold = threshold;
    this.windowMillis = windowSeconds * 1000L;
    this.clock = clock;
    this.emitter = emitter;
  }

  /**
   * Records that {@code source} connected to decoy port {@code port} on {@code dstIp}; emits the
   * {@code port_scan} event when this touch crosses the threshold.
   */
  public void touched(InetAddress source, String dstIp, int port) {
    long now = clock.millis();
    String ports;
    synchronized (tracks) {
      Track track = tracks.get(source);
      if (track == null || now - track.windowStart > windowMillis) {
        if (track == null && tracks.size() >= MAX_SOURCES) {
          Iterator<InetAddress> eldest = tracks.keySet().iterator();
          eldest.next();
          eldest.remove();
        }
        track = new Track();
        track.windowStart = now;
        tracks.put(source, track);
      }
      if (track.reported || track.ports.size() >= MAX_PORTS) {
        return;
      }
      if (!track.ports.add(port) || track.ports.size() < threshold) {
        return;
      }
      track.reported = true;
      ports = track.ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    emitter.emit(
        HoneypotEvent.of("port_scan", clock.instant())
            .put("src_ip", source.getHostAddress())
            .put("dst_ip", dstIp)
            .put("protocol", "tcp")
            .put(
                "message",
                "source touched "
                    + threshold
                    + " decoy ports within "
                    + windowMillis / 1000
                    + " s: "
                    + ports)
            .put("ports", ports));
  }

  /** Sources tracked now (for tests and stats). */
  public int trackedSources() {
    synchronized (tracks) {
      return tracks.size();
    }
  }
}
