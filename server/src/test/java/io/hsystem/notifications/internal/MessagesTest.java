package io.hsystem.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.alerts.Alert;
import io.hsystem.alerts.AlertChanged;
import io.hsystem.alerts.AlertStatus;
import io.hsystem.alerts.DetectionSource;
import io.hsystem.notifications.PublicUrlProperties;
import io.hsystem.shared.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class MessagesTest {

  private static final Instant T = Instant.parse("2025-08-27T06:00:00Z");
  private final Messages messages =
      new Messages(
          new PublicUrlProperties("https://soc.example.com/"),
          JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build(),
          "1.2.3");

  private static Alert alert(String title, String host) {
    return new Alert(
        7,
        null,
        "webshell",
        Severity.CRITICAL,
        title,
        DetectionSource.INTEL,
        "ioc:42",
        "Known webshell",
        null,
        List.of(),
        List.of(),
        "198.51.100.9",
        null,
        host,
        AlertStatus.UNHANDLED,
        null,
        null,
        3,
        T.minusSeconds(60),
        T,
        T,
        T);
  }

  @Test
  void cefEscapesHeaderAndExtensionValuesAsTheSpecificationSays() {
    assertThat(Messages.cefHeader("a|b=c\\d\ne")).isEqualTo("a\\|b=c\\\\d e");
    assertThat(Messages.cefValue("a|b=c\\d\r\ne\u0007")).isEqualTo("a|b\\=c\\\\d\\r\\ne ");
  }

  @Test
  void anAlertAsCefNamesProductRuleAndSeverity() {
    String cef =
        messages.cef(new Notice.AlertNotice(AlertChanged.Kind.REPEATED, alert("t", "h")), T);
    assertThat(cef)
        .isEqualTo(
            "CEF:0|H-System|H-System|1.2.3|ioc:42|t|10|rt=1756274400000 externalId=7 act=repeated"
                + " cat=webshell src=198.51.100.9 dhost=h cnt=3 start=1756274340000"
                + " end=1756274400000 cs1Label=ruleName cs1=Known webshell cs2Label=status"
                + " cs2=unhandled cs3Label=detectionSource cs3=intel cs4Label=consoleUrl"
                + " cs4=https://soc.example.com/alerts/7 msg=t");
  }

  @Test
  void theTextLinksToTheConsoleAndNeutralisesMarkupAndControls() {
    String text =
        messages.text(
            new Notice.AlertNotice(
                AlertChanged.Kind.CREATED,
                alert("<at user_id=\"all\"></at>\u202Egnp.exe\u0000", "h\n详情：https://evil")),
            Messages.ROBOT_TEXT_BYTES);
    assertThat(text)
        .isEqualTo(
            """
            【严重】新告警 #7
            标题：＜at user_id="all"＞＜/at＞ gnp.exe\s
            规则：Known webshell（ioc:42）
            类型：webshell
            源 IP：198.51.100.9
            主机：h 详情：https://evil
            次数：3
            首次发现：2025-08-27 05:59:00 UTC
            最近发现：2025-08-27 06:00:00 UTC
            状态：未处理
            详情：https://soc.example.com/alerts/7
            —— H-System""");
  }

  @Test
  void robotTextIsBoundedInUtf8Bytes() {
    String text =
        messages.text(
            new Notice.DigestNotice(
                500, Severity.HIGH, java.util.Collections.nCopies(5, alert("告警".repeat(500), "h"))),
            Messages.ROBOT_TEXT_BYTES);
    assertThat(text.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(Messages.ROBOT_TEXT_BYTES);
    assertThat(text).startsWith("【高危】限流汇总：另有 500 条告警（500 more alerts）\n").endsWith("…");
  }

  @Test
  void subjectsNeverCarryAlertText() {
    assertThat(
            messages.subject(
                new Notice.AlertNotice(
                    AlertChanged.Kind.HANDLED, alert("x\r\nBcc: a@example.com", "h"))))
        .isEqualTo("[H-System] 【严重】告警处理状态变更 #7");
  }
}
