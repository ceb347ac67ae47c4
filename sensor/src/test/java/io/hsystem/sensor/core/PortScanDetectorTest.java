package io.hsystem.sensor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PortScanDetectorTest {

  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final java.util.List<HoneypotEvent> events = new java.util.ArrayList<>();
  final MutableClock clock = new MutableClock();
  final PortScanDetector detector =
      new PortScanDetector(3, 60, clock, new EventEmitter(events::add));

  @Test
  void threeDistinctPortsInTheWindowMakeExactlyOneEvent() throws Exception {
    InetAddress scanner = InetAddress.getByName("192.0.2.7");
    detector.touched(scanner, "10.0.0.1", 22);
    detector.touched(scanner, "10.0.0.1", 22);
    detector.touched(scanner, "10.0.0.1", 80);
    assertThat(events).isEmpty();
    detector.touched(scanner, "10.0.0.1", 3306);
    detector.touched(scanner, "10.0.0.1", 6379);
    detector.touched(scanner, "10.0.0.1", 21);
    assertThat(events).hasSize(1);
    HoneypotEvent e = events.get(0);
    assertThat(e.eventType()).isEqualTo("port_scan");
    assertThat(e.getString("src_ip")).isEqualTo("192.0.2.7");
    assertThat(e.getString("ports")).isEqualTo("22,80,3306");
    assertThat(e.getString("message")).contains("22,80,3306");
  }

  @Test
  void aNewWindowMayReportAgainAndSlowTouchesDoNot() throws Exception {
    InetAddress scanner = InetAddress.getByName("192.0.2.8");
    detector.touched(scanner, "10.0.0.1", 1);
    clock.now = clock.now.plus(Duration.ofSeconds(61));
    detector.touched(scanner, "10.0.0.1", 2);
    clock.now = clock.now.plus(Duration.ofSeconds(61));
    detector.touched(scanner, "10.0.0.1", 3);
    assertThat(events).isEmpty();
    detector.touched(scanner, "10.0.0.1", 4);
    detector.touched(scanner, "10.0.0.1", 5);
    assertThat(events).hasSize(1);
    clock.now = clock.now.plus(Duration.ofSeconds(61));
    for (int p = 10; p < 20; p++) {
      detector.touched(scanner, "10.0.0.1", p);
    }
    assertThat(events).hasSize(2);
  }

  @Test
  void memoryIsBoundedByForgettingTheOldestSource() throws Exception {
    for (int i = 0; i < PortScanDetector.MAX_SOURCES + 500; i++) {
      byte[] ip = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
      detector.touched(InetAddress.getByAddress(ip), "10.0.0.1", 22);
    }
    assertThat(detector.trackedSources()).isEqualTo(PortScanDetector.MAX_SOURCES);
  }
}
