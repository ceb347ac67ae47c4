package io.hsystem.sensor.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionGuardTest {

  final List<HoneypotEvent> events = new ArrayList<>();
  final ConnectionGuard guard =
      new ConnectionGuard(5, 2, Clock.systemUTC(), new EventEmitter(events::add));

  @Test
  void capsPerSourceAndGlobalAndSummarisesRefusalsOncePerMinute() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.1");
    InetAddress b = InetAddress.getByName("192.0.2.2");
    assertThat(guard.tryAcquire(a, "ssh", "10.0.0.1", 22)).isTrue();
    assertThat(guard.tryAcquire(a, "ssh", "10.0.0.1", 22)).isTrue();
    for (int i = 0; i < 100; i++) {
      assertThat(guard.tryAcquire(a, "ssh", "10.0.0.1", 22)).isFalse();
    }
    assertThat(guard.refusedPerSource()).isEqualTo(100);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).eventType()).isEqualTo("connection_refused");
    guard.release(a);
    assertThat(guard.tryAcquire(a, "ssh", "10.0.0.1", 22)).isTrue();
    assertThat(guard.tryAcquire(b, "ssh", "10.0.0.1", 22)).isTrue();
    assertThat(guard.tryAcquire(b, "ssh", "10.0.0.1", 22)).isTrue();
    assertThat(guard.tryAcquire(InetAddress.getByName("192.0.2.3"), "ssh", "10.0.0.1", 22))
        .isTrue();
    assertThat(guard.tryAcquire(InetAddress.getByName("192.0.2.4"), "ssh", "10.0.0.1", 22))
        .isFalse();
    assertThat(guard.refusedGlobal()).isEqualTo(1);
    assertThat(guard.open()).isEqualTo(5);
    assertThat(guard.accepted()).isEqualTo(6);
  }
}
