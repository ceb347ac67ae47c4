package io.hsystem.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.alerts.AlertService;
import io.hsystem.alerts.Detection;
import io.hsystem.alerts.DetectionSource;
import io.hsystem.shared.Severity;
import io.hsystem.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Base of the delivery tests: an admin token, channels created through the API, alerts raised
 * through the alert center, and a wait at the end of every test until nothing is left in flight, so
 * that no message of one test reaches the next.
 */
abstract class NotificationTestSupport extends IntegrationTest {

  static final Duration WAIT = Duration.ofSeconds(15);

  @Autowired AlertService alerts;
  @Autowired NotificationService notifications;
  String admin;

  @BeforeEach
  void signIn() throws Exception {
    admin = token("admin");
  }

  @AfterEach
  void drain() {
    await(
        "the notification pipeline to drain",
        () -> {
          QueueStats q = notifications.queue();
          return q.queued() + q.inFlight() + q.held() == 0;
        });
  }

  /** Creates a channel through the API and returns its id. */
  long createChannel(String body) throws Exception {
    String response =
        mvc.perform(postJson(admin, "/api/v1/notifications/channels", body))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(response).get("id").asLong();
  }

  JsonNode channel(long id) throws Exception {
    return json.readTree(
        mvc.perform(getAs(admin, "/api/v1/notifications/channels/" + id))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  /** A detection of a distinct source address, so that each raises its own alert. */
  static Detection detection(String title, Severity severity, String srcIp) {
    return new Detection(
        DetectionSource.RULE,
        "hs-test-rule",
        "Test rule",
        "H-System",
        "honeypot_brute_force",
        severity,
        title,
        List.of("credential-access"),
        List.of("T1110"),
        null,
        "hp-01",
        srcIp,
        "10.0.0.5",
        START.minusSeconds(30),
        List.of(),
        Map.of(),
        Map.of());
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /** Waits until the channel's counters reach the sent and failed numbers. */
  void awaitStats(long id, long sent, long failed) throws Exception {
    await(
        "channel " + id + " to count " + sent + " sent, " + failed + " failed",
        () -> {
          try {
            JsonNode stats = channel(id).get("stats");
            return stats.get("sent").asLong() >= sent && stats.get("failed").asLong() >= failed;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    JsonNode stats = channel(id).get("stats");
    assertThat(stats.get("sent").asLong()).isEqualTo(sent);
    assertThat(stats.get("failed").asLong()).isEqualTo(failed);
  }
}
