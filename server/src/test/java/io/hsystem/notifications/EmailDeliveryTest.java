package io.hsystem.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.shared.Severity;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** E-mail over SMTP to a minimal SMTP receiver on the loopback interface. */
class EmailDeliveryTest extends NotificationTestSupport {

  @Test
  void anAlertArrivesByMailAndItsTextNeverReachesAHeader() throws Exception {
    try (SmtpReceiver smtp = new SmtpReceiver(true)) {
      long channel =
          createChannel(
              """
              {"name": "SOC mail", "type": "email", "filter": {"min_severity": "high"},
               "settings": {"host": "127.0.0.1", "port": %d, "security": "none",
                 "username": "alerts", "password": "mail-pass-1",
                 "from": "H-System <hsystem@example.com>",
                 "to": ["soc@example.com", "oncall@example.com"]}}
              """
                  .formatted(smtp.port()));

      long id =
          alerts
              .raise(
                  List.of(
                      detection(
                          "x\r\nBcc: victim@example.net\r\nSubject: spoofed",
                          Severity.HIGH,
                          "10.5.0.1")))
              .created()
              .get(0);

      SmtpReceiver.Mail mail = smtp.next(WAIT);
      assertThat(mail.login()).isEqualTo("alerts:mail-pass-1");
      assertThat(mail.from()).isEqualTo("<hsystem@example.com>");
      assertThat(mail.to()).containsExactly("<soc@example.com>", "<oncall@example.com>");
      MimeMessage message =
          new MimeMessage(
              Session.getInstance(new Properties()),
              new ByteArrayInputStream(mail.data().getBytes(StandardCharsets.UTF_8)));
      assertThat(message.getSubject()).isEqualTo("[H-System] 【高危】新告警 #" + id);
      assertThat(message.getHeader("Bcc")).isNull();
      assertThat(message.getHeader("Subject")).hasSize(1);
      assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
      assertThat(Arrays.stream(message.getAllRecipients()).map(Address::toString))
          .containsExactly("soc@example.com", "oncall@example.com");
      String body = ((String) message.getContent()).replace("\r\n", "\n");
      assertThat(body)
          .startsWith("【高危】新告警 #" + id + "\n标题：x  Bcc: victim@example.net  Subject: spoofed\n")
          .contains("源 IP：10.5.0.1\n");
      awaitStats(channel, 1, 0);
    }
  }

  @Test
  void starttlsIsRequiredWhenAsked() throws Exception {
    try (SmtpReceiver smtp = new SmtpReceiver(false)) {
      long channel =
          createChannel(
              """
              {"name": "mail tls", "type": "email",
               "settings": {"host": "127.0.0.1", "port": %d, "security": "starttls",
                 "from": "hsystem@example.com", "to": ["soc@example.com"]}}
              """
                  .formatted(smtp.port()));

      mvc.perform(postJson(admin, "/api/v1/notifications/channels/" + channel + "/test", ""))
          .andExpect(status().isBadGateway())
          .andExpect(jsonPath("$.code").value("notification.test_failed"))
          .andExpect(
              jsonPath("$.detail")
                  .value(
                      "SMTP server 127.0.0.1:"
                          + smtp.port()
                          + ": STARTTLS is required but host does not support STARTTLS"));
    }
  }

  @Test
  void theTestButtonSendsAMailWithoutLogin() throws Exception {
    try (SmtpReceiver smtp = new SmtpReceiver(false)) {
      long channel =
          createChannel(
              """
              {"name": "relay", "type": "email",
               "settings": {"host": "127.0.0.1", "port": %d, "security": "none",
                 "from": "hsystem@example.com", "to": ["soc@example.com"]}}
              """
                  .formatted(smtp.port()));

      mvc.perform(postJson(admin, "/api/v1/notifications/channels/" + channel + "/test", ""))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.success").value(true));

      SmtpReceiver.Mail mail = smtp.next(WAIT);
      assertThat(mail.login()).isNull();
      MimeMessage message =
          new MimeMessage(
              Session.getInstance(new Properties()),
              new ByteArrayInputStream(mail.data().getBytes(StandardCharsets.UTF_8)));
      assertThat(message.getSubject()).isEqualTo("[H-System] 通知测试");
      assertThat(((String) message.getContent()).replace("\r\n", "\n"))
          .contains("渠道：relay\n发起人：admin\n");
    }
  }
}
