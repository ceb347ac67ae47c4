package io.hsystem.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.sensor.config.InvalidConfigException;
import io.hsystem.sensor.config.SensorConfig;
import io.hsystem.sensor.core.HoneypotEvent;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HoneypotServicesTest {

  final RecordingSink sink = new RecordingSink();

  @Test
  void idleConnectionsAreClosedAfterTheIdleLimit() {
    try (HoneypotServices s =
        HoneypotServices.start(
            TestSensors.only("ftp").withLimits(l -> l.withTimeouts(30, 1)), sink)) {
      try (TextClient c = new TextClient(s.boundPorts().get("ftp"))) {
        c.readUntil("220", 3000);
        long start = System.nanoTime();
        assertThat(c.awaitClose(5000)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isBetween(Duration.ofMillis(700), Duration.ofSeconds(3));
      }
      assertThat(sink.await("session_limit", "ftp", 1).get(0).getString("message"))
          .isEqualTo("closed: idle limit of 1 s");
    }
  }

  @Test
  void sessionsEndAtTheSessionTimeLimitEvenWhenBusy() throws Exception {
    try (HoneypotServices s =
        HoneypotServices.start(
            TestSensors.only("ftp").withLimits(l -> l.withTimeouts(2, 30)), sink)) {
      try (TextClient c = new TextClient(s.boundPorts().get("ftp"))) {
        c.readUntil("220", 3000);
        long end = System.currentTimeMillis() + 5000;
        boolean closed = false;
        while (!closed && System.currentTimeMillis() < end) {
          try {
            c.send("NOOP\r\n");
          } catch (UncheckedIOException e) {
            closed = true;
          }
          closed |= c.awaitClose(200);
        }
        assertThat(closed).isTrue();
      }
      sink.await("session_limit", "ftp", 1);
    }
  }

  @Test
  void inputBeyondTheByteLimitIsCutAndTheConnectionClosed() {
    try (HoneypotServices s =
        HoneypotServices.start(
            TestSensors.only("ftp").withLimits(l -> l.withMaxBytesPerSession(2048)), sink)) {
      try (TextClient c = new TextClient(s.boundPorts().get("ftp"))) {
        c.readUntil("220", 3000);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 100; i++) {
          many.append("NOOP ").append(i).append("\r\n");
        }
        try {
          c.send(many.toString()).send(many.toString()).send(many.toString());
        } catch (UncheckedIOException reset) {
          // the decoy may already be gone
        }
        assertThat(c.awaitClose(3000)).isTrue();
      }
      sink.await("session_limit", "ftp", 1);
      int commands = sink.ofType("command", "ftp").size();
      assertThat(commands).isLessThan(300).isGreaterThan(100);
    }
  }

  @Test
  void connectionsBeyondThePerSourceCapAreRefusedAndCounted() {
    try (HoneypotServices s =
        HoneypotServices.start(
            TestSensors.only("ftp").withLimits(l -> l.withMaxConnections(100, 3)), sink)) {
      int port = s.boundPorts().get("ftp");
      List<TextClient> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          TextClient c = new TextClient(port);
          c.readUntil("220", 3000);
          open.add(c);
        }
        for (int i = 0; i < 5; i++) {
          try (TextClient refused = new TextClient(port)) {
            assertThat(refused.awaitClose(3000)).isTrue();
            assertThat(refused.text()).isEmpty();
          }
        }
        assertThat(s.stats().refusedPerSource()).isEqualTo(5);
        assertThat(s.stats().activeSessions()).isEqualTo(3);
        assertThat(sink.ofType("connection", "ftp")).hasSize(3);
        assertThat(sink.ofType("connection_refused")).hasSize(1);
      } finally {
        open.forEach(TextClient::close);
      }
    }
  }

  @Test
  void touchingThreeDecoyPortsMakesExactlyOnePortScanEvent() {
    try (HoneypotServices s = HoneypotServices.start(TestSensors.config(), sink)) {
      for (int round = 0; round < 2; round++) {
        for (Map.Entry<String, Integer> e : s.boundPorts().entrySet()) {
          try (TextClient c = new TextClient(e.getValue())) {
            c.awaitClose(50);
          }
        }
      }
      List<HoneypotEvent> scans =
          sink.await(e -> "port_scan".equals(e.eventType()), 1, Duration.ofSeconds(5));
      assertThat(scans).hasSize(1);
      assertThat(scans.get(0).getString("src_ip")).isEqualTo("127.0.0.1");
      assertThat(scans.get(0).getString("ports").split(",")).hasSize(3);
      sink.await(e -> "connection".equals(e.eventType()), 14, Duration.ofSeconds(5));
      assertThat(sink.ofType("port_scan")).hasSize(1);
    }
  }

  @Test
  void reconfigureStartsStopsAndRestartsOnlyWhatChanged() {
    SensorConfig config = TestSensors.only("ftp", "redis");
    try (HoneypotServices s = HoneypotServices.start(config, sink)) {
      Map<String, Integer> before = s.boundPorts();
      assertThat(before).containsOnlyKeys("ftp", "redis");
      s.reconfigure(
          config
              .withService("redis", r -> r.withEnabled(false))
              .withService("generic", g -> g.withEnabled(true).withPort(0))
              .withService("ftp", f -> f.withBanner("220 (vsFTPd 3.0.3)")));
      Map<String, Integer> after = s.boundPorts();
      assertThat(after).containsOnlyKeys("ftp", "generic");
      try (TextClient c = new TextClient(after.get("ftp"))) {
        assertThat(c.readUntil("\r\n", 3000)).isEqualTo("220 (vsFTPd 3.0.3)\r\n");
      }
      assertThatThrownBy(() -> s.reconfigure(config.withService("ftp", f -> f.withPort(-1))))
          .isInstanceOf(InvalidConfigException.class);
      assertThat(s.boundPorts()).isEqualTo(after);
    }
  }

  @Test
  void aPortInUseIsAClearErrorAndNothingIsLeftRunning() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      SensorConfig config =
          TestSensors.only("ftp", "redis")
              .withService("redis", r -> r.withPort(taken.getLocalPort()));
      assertThatThrownBy(() -> HoneypotServices.start(config, sink))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("redis: cannot bind 127.0.0.1:" + taken.getLocalPort());
    }
  }
}
