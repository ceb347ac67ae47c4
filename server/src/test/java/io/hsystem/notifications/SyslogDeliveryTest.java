package io.hsystem.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.alerts.Detection;
import io.hsystem.alerts.DetectionSource;
import io.hsystem.shared.Severity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Syslog to a SIEM: CEF over UDP, JSON over TCP with octet counting, received locally. */
class SyslogDeliveryTest extends NotificationTestSupport {

  private static Detection hostile() {
    return new Detection(
        DetectionSource.RULE,
        "hs-test-rule",
        "Test rule",
        "H-System",
        "honeypot_brute_force",
        Severity.HIGH,
        "a|b=c\nd",
        null,
        null,
        null,
        "web\\01=x",
        "10.9.0.1",
        "10.0.0.5",
        START.minusSeconds(30),
        List.of(),
        Map.of(),
        Map.of());
  }

  @Test
  void cefOverUdpEscapesAttackerText() throws Exception {
    try (SyslogReceiver receiver = SyslogReceiver.udp()) {
      createChannel(
          """
          {"name": "SIEM", "type": "syslog",
           "settings": {"host": "127.0.0.1", "port": %d, "protocol": "udp", "format": "cef"}}
          """
              .formatted(receiver.port()));

      long id = alerts.raise(List.of(hostile())).created().get(0);

      String message = receiver.next(WAIT);
      // facility local0 (16) * 8 + severity error (3) for a high alert
      assertThat(message).matches("<131>1 2025-08-27T06:00:00Z \\S+ hsystem - alert - CEF:0\\|.*");
      String cef = message.substring(message.indexOf("CEF:0|"));
      String version = cef.split("\\|")[3];
      long seen = START.minusSeconds(30).toEpochMilli();
      assertThat(cef)
          .isEqualTo(
              "CEF:0|H-System|H-System|"
                  + version
                  + "|hs-test-rule|a\\|b=c d|8|rt="
                  + START.toEpochMilli()
                  + " externalId="
                  + id
                  + " act=created cat=honeypot_brute_force src=10.9.0.1 dst=10.0.0.5"
                  + " dhost=web\\\\01\\=x cnt=1 start="
                  + seen
                  + " end="
                  + seen
                  + " cs1Label=ruleName cs1=Test rule cs2Label=status cs2=unhandled"
                  + " cs3Label=detectionSource cs3=rule msg=a|b\\=c\\nd");
      assertThat(cef).doesNotContain("\n");
    }
  }

  @Test
  void jsonOverTcpIsOctetCountedAndKeepsTheTextExact() throws Exception {
    try (SyslogReceiver receiver = SyslogReceiver.tcp()) {
      long channel =
          createChannel(
              """
              {"name": "SIEM tcp", "type": "syslog", "settings": {"host": "localhost",
               "port": %d, "protocol": "tcp", "format": "json", "facility": 4}}
              """
                  .formatted(receiver.port()));

      alerts.raise(List.of(hostile()));

      String message = receiver.next(WAIT);
      // facility auth (4) * 8 + 3
      assertThat(message).startsWith("<35>1 2025-08-27T06:00:00Z ");
      JsonNode body = json.readTree(message.substring(message.indexOf(" - alert - ") + 11));
      assertThat(body.get("source").asString()).isEqualTo("h-system");
      assertThat(body.get("kind").asString()).isEqualTo("created");
      assertThat(body.get("alert").get("title").asString()).isEqualTo("a|b=c\nd");
      assertThat(body.get("alert").get("host_name").asString()).isEqualTo("web\\01=x");
      assertThat(body.has("text")).isFalse();
      awaitStats(channel, 1, 0);
    }
  }

  @Test
  void theTestButtonSaysWhyTcpFailed() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    long id =
        createChannel(
            """
            {"name": "SIEM down", "type": "syslog",
             "settings": {"host": "127.0.0.1", "port": %d, "protocol": "tcp"}}
            """
                .formatted(port));

    mvc.perform(postJson(admin, "/api/v1/notifications/channels/" + id + "/test", ""))
        .andExpect(status().isBadGateway())
        .andExpect(jsonPath("$.code").value("notification.test_failed"))
        .andExpect(
            jsonPath("$.detail")
                .value("syslog to tcp://127.0.0.1:" + port + " failed: Connection refused"));
  }

  @Test
  void theTestMessageIsACefRecordToo() throws Exception {
    try (SyslogReceiver receiver = SyslogReceiver.udp()) {
      long id =
          createChannel(
              """
              {"name": "SIEM test", "type": "syslog",
               "settings": {"host": "127.0.0.1", "port": %d}}
              """
                  .formatted(receiver.port()));

      mvc.perform(postJson(admin, "/api/v1/notifications/channels/" + id + "/test", ""))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.success").value(true));

      String message = receiver.next(WAIT);
      assertThat(message).startsWith("<134>1 2025-08-27T06:00:00Z ");
      assertThat(message)
          .contains(" hsystem - test - CEF:0|H-System|H-System|")
          .endsWith(
              "|hsystem:test|H-System test message|1|rt="
                  + START.toEpochMilli()
                  + " suser=admin msg=test of notification channel SIEM test");
    }
  }
}
