package io.hsystem.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.alerts.AlertService;
import io.hsystem.alerts.AlertStatus;
import io.hsystem.alerts.Detection;
import io.hsystem.shared.Severity;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Webhooks and chat robots, each received by a local HTTP server. */
class WebhookDeliveryTest extends NotificationTestSupport {

  private HttpReceiver receiver;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new HttpReceiver("{\"errcode\": 0, \"errmsg\": \"ok\"}");
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void aRaisedAlertReachesAGenericWebhookAsJsonWithItsHeaders() throws Exception {
    long id =
        createChannel(
            """
            {"name": "SOAR", "type": "webhook", "settings": {
              "url": "%s",
              "headers": {"Authorization": "Bearer s3cret-token", "X-Source": "hsystem"}}}
            """
                .formatted(receiver.url("/hook?token=abc")));

    AlertService.Raised raised =
        alerts.raise(
            List.of(detection("SSH brute force from 45.141.84.12", Severity.HIGH, "45.141.84.12")));

    HttpReceiver.Request request = receiver.next(WAIT);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri().toString()).isEqualTo("/hook?token=abc");
    assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret-token");
    assertThat(request.header("X-Source")).isEqualTo("hsystem");
    assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(request.header("User-Agent")).startsWith("H-System/");
    JsonNode body = json.readTree(request.body());
    assertThat(body.get("source").asString()).isEqualTo("h-system");
    assertThat(body.get("type").asString()).isEqualTo("alert");
    assertThat(body.get("kind").asString()).isEqualTo("created");
    assertThat(body.get("url").isNull()).isTrue();
    JsonNode alert = body.get("alert");
    assertThat(alert.get("id").asLong()).isEqualTo(raised.created().get(0));
    assertThat(alert.get("title").asString()).isEqualTo("SSH brute force from 45.141.84.12");
    assertThat(alert.get("severity").asString()).isEqualTo("high");
    assertThat(alert.get("rule_id").asString()).isEqualTo("hs-test-rule");
    assertThat(alert.get("src_ip").asString()).isEqualTo("45.141.84.12");
    assertThat(alert.get("dst_ip").asString()).isEqualTo("10.0.0.5");
    assertThat(alert.get("host_name").asString()).isEqualTo("hp-01");
    assertThat(alert.get("count").asLong()).isEqualTo(1);
    assertThat(alert.get("first_seen").asString()).isEqualTo("2025-08-27 05:59:30");
    assertThat(body.get("text").asString())
        .startsWith(
            "【高危】新告警 #" + raised.created().get(0) + "\n标题：SSH brute force from 45.141.84.12\n");
    awaitStats(id, 1, 0);
    assertThat(channel(id).get("stats").get("last_success_at").asString())
        .isEqualTo("2025-08-27 06:00:00");
  }

  @Test
  void dingTalkMessagesAreTextSignedWithTimestampAndHmac() throws Exception {
    createChannel(
        """
        {"name": "DingTalk SOC", "type": "dingtalk", "filter": {"min_severity": "low"},
         "settings": {"url": "%s", "secret": "SEC0123456789abcdef"}}
        """
            .formatted(receiver.url("/robot/send?access_token=tok-1")));

    alerts.raise(List.of(detection("Mimikatz on WIN-01", Severity.CRITICAL, "10.1.1.1")));

    HttpReceiver.Request request = receiver.next(WAIT);
    Map<String, String> query = query(request.uri().getRawQuery());
    assertThat(query).containsOnlyKeys("access_token", "timestamp", "sign");
    assertThat(query.get("access_token")).isEqualTo("tok-1");
    String timestamp = query.get("timestamp");
    assertThat(Long.parseLong(timestamp)).isEqualTo(START.toEpochMilli());
    assertThat(query.get("sign"))
        .isEqualTo(hmacBase64("SEC0123456789abcdef", timestamp + "\nSEC0123456789abcdef"));
    JsonNode body = json.readTree(request.body());
    assertThat(body.get("msgtype").asString()).isEqualTo("text");
    assertThat(body.get("text").get("content").asString())
        .startsWith("【严重】新告警 #1\n标题：Mimikatz on WIN-01\n规则：Test rule（hs-test-rule）\n")
        .contains("源 IP：10.1.1.1\n")
        .endsWith("—— H-System");
  }

  @Test
  void weComReceivesATextMessage() throws Exception {
    createChannel(
        """
        {"name": "WeCom", "type": "wecom", "settings": {"url": "%s"}}
        """
            .formatted(receiver.url("/cgi-bin/webhook/send?key=k-1")));

    alerts.raise(List.of(detection("Port scan", Severity.MEDIUM, "10.1.1.2")));

    HttpReceiver.Request request = receiver.next(WAIT);
    assertThat(request.uri().toString()).isEqualTo("/cgi-bin/webhook/send?key=k-1");
    JsonNode body = json.readTree(request.body());
    assertThat(body.get("msgtype").asString()).isEqualTo("text");
    assertThat(body.get("text").get("content").asString()).startsWith("【中危】新告警 #1\n标题：Port scan\n");
  }

  @Test
  void feishuMessagesCarryTheirSignatureAndCannotMentionEveryone() throws Exception {
    receiver.answer("{\"code\": 0, \"msg\": \"success\", \"data\": {}}");
    createChannel(
        """
        {"name": "Feishu", "type": "feishu",
         "settings": {"url": "%s", "secret": "feishu-secret"}}
        """
            .formatted(receiver.url("/open-apis/bot/v2/hook/hook-id")));

    alerts.raise(
        List.of(detection("login as <at user_id=\"all\">所有人</at>", Severity.HIGH, "10.1.1.3")));

    JsonNode body = json.readTree(receiver.next(WAIT).body());
    String timestamp = body.get("timestamp").asString();
    assertThat(Long.parseLong(timestamp)).isEqualTo(START.getEpochSecond());
    assertThat(body.get("sign").asString())
        .isEqualTo(hmacBase64(timestamp + "\nfeishu-secret", ""));
    assertThat(body.get("msg_type").asString()).isEqualTo("text");
    String text = body.get("content").get("text").asString();
    assertThat(text).contains("标题：login as ＜at user_id=\"all\"＞所有人＜/at＞\n");
    assertThat(text).doesNotContain("<at");
  }

  @Test
  void aTransientFailureIsRetriedUntilItSucceeds() throws Exception {
    receiver.answerWith(500);
    long id =
        createChannel(
            """
            {"name": "flaky", "type": "webhook", "settings": {"url": "%s"}}
            """
                .formatted(receiver.url("/hook")));

    alerts.raise(List.of(detection("retry me", Severity.HIGH, "10.1.1.4")));

    HttpReceiver.Request first = receiver.next(WAIT);
    HttpReceiver.Request second = receiver.next(WAIT);
    assertThat(second.body()).isEqualTo(first.body());
    awaitStats(id, 1, 0);
    assertThat(receiver.all()).hasSize(2);
  }

  @Test
  void aPermanentFailureIsNotRetriedAndIsReported() throws Exception {
    receiver.answerWith(404);
    long id =
        createChannel(
            """
            {"name": "gone", "type": "webhook", "settings": {"url": "%s"}}
            """
                .formatted(receiver.url("/missing?token=do-not-show")));

    alerts.raise(List.of(detection("not found", Severity.HIGH, "10.1.1.5")));

    awaitStats(id, 0, 1);
    drain();
    assertThat(receiver.all()).hasSize(1);
    JsonNode stats = channel(id).get("stats");
    assertThat(stats.get("last_error").asString())
        .isEqualTo(receiver.url("") + " answered HTTP 404");
    assertThat(stats.get("last_error_at").asString()).isEqualTo("2025-08-27 06:00:00");
  }

  @Test
  void aBurstOverTheRateLimitIsSentAsTheLimitPlusOneDigest() throws Exception {
    long id =
        createChannel(
            """
            {"name": "limited", "type": "webhook", "rate_limit": {"per_minute": 60, "burst": 5},
             "settings": {"url": "%s"}}
            """
                .formatted(receiver.url("/hook")));
    List<Detection> burst = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      burst.add(
          detection("attack " + i, i == 30 ? Severity.CRITICAL : Severity.HIGH, "10.2.0." + i));
    }

    alerts.raise(burst);

    awaitStats(id, 6, 0);
    drain();
    List<HttpReceiver.Request> requests = receiver.all();
    assertThat(requests).hasSize(6);
    List<JsonNode> bodies = new ArrayList<>();
    for (HttpReceiver.Request r : requests) {
      bodies.add(json.readTree(r.body()));
    }
    assertThat(bodies.stream().filter(b -> b.get("type").asString().equals("alert"))).hasSize(5);
    JsonNode digest = bodies.get(5);
    assertThat(digest.get("type").asString()).isEqualTo("digest");
    assertThat(digest.get("digest").get("count").asInt()).isEqualTo(45);
    assertThat(digest.get("digest").get("highest_severity").asString()).isEqualTo("critical");
    assertThat(digest.get("digest").get("alerts")).hasSize(20);
    assertThat(digest.get("digest").get("alerts").get(0).get("title").asString())
        .isEqualTo("attack 6");
    assertThat(digest.get("text").asString()).contains("另有 45 条告警（45 more alerts）");
    assertThat(channel(id).get("stats").get("rate_limited").asLong()).isEqualTo(45);
  }

  @Test
  void theFilterDecidesWhichChangesAreSent() throws Exception {
    createChannel(
        """
        {"name": "filtered", "type": "webhook",
         "filter": {"min_severity": "high", "kinds": ["created", "handled"],
                    "rule_ids": ["hs-test-rule"]},
         "settings": {"url": "%s"}}
        """
            .formatted(receiver.url("/hook")));

    Detection otherRule =
        new Detection(
            io.hsystem.alerts.DetectionSource.RULE,
            "another-rule",
            "Another rule",
            null,
            "x",
            Severity.CRITICAL,
            "other rule",
            null,
            null,
            null,
            "hp-01",
            "10.3.0.3",
            null,
            START,
            null,
            null,
            null);
    AlertService.Raised raised =
        alerts.raise(
            List.of(
                detection("too low", Severity.MEDIUM, "10.3.0.1"),
                detection("wanted", Severity.HIGH, "10.3.0.2"),
                otherRule));
    long wanted = raised.created().get(1);
    assertThat(json.readTree(receiver.next(WAIT).body()).get("alert").get("title").asString())
        .isEqualTo("wanted");
    // a repeat is not among the kinds
    alerts.raise(List.of(detection("wanted", Severity.HIGH, "10.3.0.2")));
    mvc.perform(
            authed(put("/api/v1/alerts/" + wanted + "/handle"), admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\": \"handled\", \"remark\": \"已隔离主机\"}"))
        .andExpect(status().isOk());

    JsonNode handled = json.readTree(receiver.next(WAIT).body());
    assertThat(handled.get("kind").asString()).isEqualTo("handled");
    assertThat(handled.get("alert").get("status").asString())
        .isEqualTo(io.hsystem.shared.Enums.value(AlertStatus.HANDLED));
    assertThat(handled.get("text").asString()).contains("告警处理状态变更").contains("备注：已隔离主机\n");
    drain();
    assertThat(receiver.all()).hasSize(2);
  }

  @Test
  void aDisabledChannelSendsNothing() throws Exception {
    long id =
        createChannel(
            """
            {"name": "off", "type": "webhook", "enabled": false, "settings": {"url": "%s"}}
            """
                .formatted(receiver.url("/hook")));
    long on =
        createChannel(
            """
            {"name": "on", "type": "webhook", "settings": {"url": "%s"}}
            """
                .formatted(receiver.url("/on")));

    alerts.raise(List.of(detection("x", Severity.HIGH, "10.4.0.1")));

    assertThat(receiver.next(WAIT).uri().getPath()).isEqualTo("/on");
    awaitStats(on, 1, 0);
    drain();
    assertThat(receiver.all()).hasSize(1);
    assertThat(channel(id).get("stats").get("sent").asLong()).isZero();
  }

  @Test
  void aRobotsRefusalIsTheTestButtonsPreciseError() throws Exception {
    receiver.answer("{\"errcode\": 310000, \"errmsg\": \"sign not match\"}");
    long id =
        createChannel(
            """
            {"name": "DingTalk wrong secret", "type": "dingtalk",
             "settings": {"url": "%s", "secret": "wrong"}}
            """
                .formatted(receiver.url("/robot/send?access_token=t")));

    mvc.perform(postJson(admin, "/api/v1/notifications/channels/" + id + "/test", ""))
        .andExpect(status().isBadGateway())
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.code")
                .value("notification.test_failed"))
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.detail")
                .value("DingTalk refused the message: 310000 sign not match"));
    JsonNode body = json.readTree(receiver.next(WAIT).body());
    assertThat(body.get("text").get("content").asString())
        .startsWith("【测试】H-System 通知测试（test message）\n渠道：DingTalk wrong secret\n发起人：admin\n");
  }

  @Test
  void aSlowReceiverTimesOutWithinTheBound() throws Exception {
    var silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    try (silent) {
      long id =
          createChannel(
              """
              {"name": "silent", "type": "webhook", "settings": {"url": "http://127.0.0.1:%d/"}}
              """
                  .formatted(silent.getLocalPort()));
      long start = System.nanoTime();
      mvc.perform(postJson(admin, "/api/v1/notifications/channels/" + id + "/test", ""))
          .andExpect(status().isBadGateway())
          .andExpect(
              org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.detail")
                  .value("http://127.0.0.1:" + silent.getLocalPort() + " did not answer in time"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(11));
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static String hmacBase64(String key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }
}
