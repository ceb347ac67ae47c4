package io.hsystem.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.ResultActions;

/** The channel API: shapes, validation, secrets that never come back, the test button. */
class NotificationApiTest extends NotificationTestSupport {

  private static final String WEBHOOK_SECRET = "Bearer very-secret-token-42";
  private static final String URL_TOKEN = "tok-in-the-url-99";

  private HttpReceiver receiver;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new HttpReceiver("{}");
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private String webhook(String name) {
    return """
        {"name": "%s", "type": "webhook",
         "filter": {"min_severity": "high", "kinds": ["handled", "created"],
                    "alert_types": ["honeypot_brute_force"]},
         "rate_limit": {"per_minute": 30, "burst": 3},
         "settings": {"url": "%s",
                      "headers": {"Authorization": "%s", "X-Source": "hsystem"}}}
        """
        .formatted(name, receiver.url("/hook?token=" + URL_TOKEN), WEBHOOK_SECRET);
  }

  private ResultActions putJson(String url, String body) throws Exception {
    return mvc.perform(
        authed(put(url), admin).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  @Test
  void aChannelIsShownWithEverySecretMasked() throws Exception {
    String expected =
        """
        {"id": 1, "name": "SOAR", "type": "webhook", "enabled": true,
         "filter": {"min_severity": "high", "kinds": ["created", "handled"], "rule_ids": [],
                    "alert_types": ["honeypot_brute_force"]},
         "rate_limit": {"per_minute": 30, "burst": 3},
         "settings": {"url": "***", "headers": {"Authorization": "***", "X-Source": "hsystem"}},
         "target": "%s", "has_secret": true,
         "stats": {"sent": 0, "failed": 0, "rate_limited": 0, "last_error": null,
                   "last_error_at": null, "last_success_at": null},
         "created_by": "admin", "created_at": "2025-08-27 06:00:00",
         "updated_by": "admin", "updated_at": "2025-08-27 06:00:00"}
        """
            .formatted(receiver.url(""));
    String created =
        mvc.perform(postJson(admin, "/api/v1/notifications/channels", webhook("SOAR")))
            .andExpect(status().isCreated())
            .andExpect(content().json(expected, JsonCompareMode.STRICT))
            .andReturn()
            .getResponse()
            .getContentAsString();

    for (String role : List.of("admin", "analyst", "auditor")) {
      String token = token(role);
      String one =
          mvc.perform(getAs(token, "/api/v1/notifications/channels/1"))
              .andExpect(status().isOk())
              .andExpect(content().json(expected, JsonCompareMode.STRICT))
              .andReturn()
              .getResponse()
              .getContentAsString();
      String list =
          mvc.perform(getAs(token, "/api/v1/notifications/channels"))
              .andExpect(status().isOk())
              .andExpect(
                  content()
                      .json(
                          "{\"total\": 1, \"items\": [" + expected + "]}", JsonCompareMode.STRICT))
              .andReturn()
              .getResponse()
              .getContentAsString();
      for (String body : List.of(created, one, list)) {
        assertThat(body).doesNotContain("very-secret").doesNotContain(URL_TOKEN);
      }
    }
    Map<String, Object> row =
        jdbc.queryForMap("SELECT settings::text AS settings, secrets FROM notification_channels");
    assertThat(row.get("secrets").toString()).startsWith("ENC(v1:");
    assertThat(row.toString()).doesNotContain("very-secret").doesNotContain(URL_TOKEN);
    assertThat(
            jdbc.queryForList(
                "SELECT details FROM audit_log WHERE action LIKE 'notification.%'", String.class))
        .singleElement()
        .asString()
        .contains("SOAR")
        .doesNotContain("very-secret")
        .doesNotContain(URL_TOKEN);
  }

  @Test
  void anUpdateKeepsMaskedSecretsWhileTheDestinationStays() throws Exception {
    createChannel(webhook("SOAR"));

    putJson(
            "/api/v1/notifications/channels/1",
            """
            {"name": "SOAR renamed", "type": "webhook",
             "settings": {"url": "***", "headers": {"Authorization": "***", "X-Team": "soc"}}}
            """)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.name").value("SOAR renamed"))
        .andExpect(jsonPath("$.filter.min_severity").value("medium"))
        .andExpect(jsonPath("$.settings.headers.Authorization").value("***"))
        .andExpect(jsonPath("$.settings.headers.X-Team").value("soc"))
        .andExpect(jsonPath("$.updated_at").value("2025-08-27 06:00:00"));
    mvc.perform(postJson(admin, "/api/v1/notifications/channels/1/test", ""))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true));

    HttpReceiver.Request request = receiver.next(WAIT);
    assertThat(request.uri().getRawQuery()).isEqualTo("token=" + URL_TOKEN);
    assertThat(request.header("Authorization")).isEqualTo(WEBHOOK_SECRET);
    assertThat(request.header("X-Team")).isEqualTo("soc");
    assertThat(request.header("X-Source")).isNull();
  }

  @Test
  void aNewDestinationNeedsItsSecretsAgain() throws Exception {
    createChannel(webhook("SOAR"));

    putJson(
            "/api/v1/notifications/channels/1",
            """
            {"name": "SOAR", "type": "webhook",
             "settings": {"url": "https://collector.example.org/in",
                          "headers": {"Authorization": "***"}}}
            """)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("settings.headers.Authorization"))
        .andExpect(
            jsonPath("$.errors[0].message").value("enter it again: the destination changed"));

    createChannel(
        """
        {"name": "mail", "type": "email", "settings": {"host": "mail.example.com",
         "username": "u", "password": "pw-1", "from": "a@example.com", "to": ["b@example.com"]}}
        """);
    putJson(
            "/api/v1/notifications/channels/2",
            """
            {"name": "mail", "type": "email", "settings": {"host": "mail.example.org",
             "username": "u", "from": "a@example.com", "to": ["b@example.com"]}}
            """)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("settings.password"));
    putJson(
            "/api/v1/notifications/channels/2",
            """
            {"name": "mail", "type": "email", "settings": {"host": "mail.example.com",
             "port": 587, "username": "u", "from": "a@example.com", "to": ["b@example.com"]}}
            """)
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"settings": {"host": "mail.example.com", "port": 587,
                      "security": "starttls", "username": "u", "password": "***",
                      "from": "a@example.com", "to": ["b@example.com"]},
                     "target": "smtp://mail.example.com:587", "has_secret": true}
                    """));
  }

  @Test
  void invalidChannelsAreRefusedNamingTheField() throws Exception {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("{\"name\": \"x\", \"settings\": {}}", "type"),
            Map.entry("{\"name\": \"x\", \"type\": \"pager\"}", "type"),
            Map.entry(
                "{\"type\": \"wecom\", \"settings\": {\"url\": \"http://a.example\"}}", "name"),
            Map.entry("{\"name\": \"x\", \"type\": \"wecom\"}", "settings.url"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"wecom\", \"settings\": {\"url\": \"ftp://a.example/\"}}",
                "settings.url"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"webhook\", \"settings\":"
                    + " {\"url\": \"http://169.254.169.254/latest/meta-data\"}}",
                "settings.url"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"webhook\", \"settings\":"
                    + " {\"url\": \"http://[fd00:ec2::254]/\"}}",
                "settings.url"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"webhook\", \"settings\":"
                    + " {\"url\": \"http://user:pw@a.example/\"}}",
                "settings.url"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"wecom\", \"settings\":"
                    + " {\"url\": \"http://a.example/\", \"secret\": \"s\"}}",
                "settings.secret"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"webhook\", \"settings\": {\"url\":"
                    + " \"http://a.example/\", \"headers\": {\"X-Evil\": \"a\\r\\nHost: b\"}}}",
                "settings.headers.X-Evil"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"webhook\", \"settings\": {\"url\":"
                    + " \"http://a.example/\", \"headers\": {\"Host\": \"b\"}}}",
                "settings.headers.Host"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"syslog\", \"settings\": {\"host\": \"siem\","
                    + " \"protocol\": \"sctp\"}}",
                "settings.protocol"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"syslog\", \"settings\": {\"host\": \"siem\","
                    + " \"port\": 70000}}",
                "settings.port"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"syslog\", \"settings\": {\"host\": \"169.254.1.1\"}}",
                "settings.host"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"syslog\", \"settings\": {\"host\": \"a b\"}}",
                "settings.host"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"email\", \"settings\": {\"host\": \"m\","
                    + " \"from\": \"a@example.com\"}}",
                "settings.to"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"email\", \"settings\": {\"host\": \"m\","
                    + " \"from\": \"a@example.com\\r\\nBcc: c@example.com\", \"to\": [\"b@example.com\"]}}",
                "settings.from"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"email\", \"settings\": {\"host\": \"m\","
                    + " \"password\": \"p\", \"from\": \"a@example.com\", \"to\": [\"b@example.com\"]}}",
                "settings.username"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"syslog\", \"settings\": {\"host\": \"siem\","
                    + " \"colour\": \"red\"}}",
                "settings.colour"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"syslog\", \"filter\": {\"kinds\": [\"deleted\"]},"
                    + " \"settings\": {\"host\": \"siem\"}}",
                "filter.kinds"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"syslog\", \"filter\": {\"kinds\": []},"
                    + " \"settings\": {\"host\": \"siem\"}}",
                "filter.kinds"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"syslog\", \"filter\": {\"min_severity\": \"huge\"},"
                    + " \"settings\": {\"host\": \"siem\"}}",
                "filter.min_severity"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"syslog\", \"rate_limit\": {\"per_minute\": 0},"
                    + " \"settings\": {\"host\": \"siem\"}}",
                "rate_limit.per_minute"),
            Map.entry(
                "{\"name\": \"x\", \"type\": \"syslog\", \"rate_limit\": {\"burst\": 5000},"
                    + " \"settings\": {\"host\": \"siem\"}}",
                "rate_limit.burst"));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      String body =
          mvc.perform(postJson(admin, "/api/v1/notifications/channels", c.getKey()))
              .andReturn()
              .getResponse()
              .getContentAsString();
      assertThat(json.readTree(body).path("code").asString())
          .as(c.getKey())
          .isEqualTo("validation_failed");
      assertThat(json.readTree(body).path("errors").path(0).path("field").asString())
          .as(c.getKey())
          .isEqualTo(c.getValue());
    }
    assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_channels", Long.class))
        .isZero();
  }

  @Test
  void namesAreUniqueIgnoringCase() throws Exception {
    createChannel(webhook("SOAR"));
    mvc.perform(postJson(admin, "/api/v1/notifications/channels", webhook("soar")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("notification.duplicate_name"));
  }

  @Test
  void unknownChannelsAreNotFound() throws Exception {
    for (var request :
        List.of(
            getAs(admin, "/api/v1/notifications/channels/7"),
            authed(delete("/api/v1/notifications/channels/7"), admin),
            postJson(admin, "/api/v1/notifications/channels/7/test", ""),
            authed(put("/api/v1/notifications/channels/7"), admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content(webhook("x")))) {
      mvc.perform(request)
          .andExpect(status().isNotFound())
          .andExpect(jsonPath("$.code").value("notification.channel_not_found"));
    }
  }

  @Test
  void aDeletedChannelIsGone() throws Exception {
    createChannel(webhook("SOAR"));
    mvc.perform(authed(delete("/api/v1/notifications/channels/1"), admin))
        .andExpect(status().isNoContent());
    mvc.perform(getAs(admin, "/api/v1/notifications/channels/1")).andExpect(status().isNotFound());
    assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_channel_stats", Long.class))
        .isZero();
  }

  @Test
  void theTestButtonReportsTheExactErrorAndIsAudited() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    createChannel(
        """
        {"name": "nowhere", "type": "webhook", "enabled": false,
         "settings": {"url": "http://127.0.0.1:%d/hook?token=%s"}}
        """
            .formatted(closedPort, URL_TOKEN));

    mvc.perform(postJson(admin, "/api/v1/notifications/channels/1/test", ""))
        .andExpect(status().isBadGateway())
        .andExpect(jsonPath("$.code").value("notification.test_failed"))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "cannot connect to http://127.0.0.1:" + closedPort + ": connection refused"));

    Map<String, Object> audit =
        jdbc.queryForMap(
            "SELECT target_id, outcome, details FROM audit_log WHERE action ="
                + " 'notification.channel_test'");
    assertThat(audit.get("target_id")).isEqualTo("1");
    assertThat(audit.get("outcome")).isEqualTo("failure");
    assertThat(audit.get("details").toString()).doesNotContain(URL_TOKEN);
    // test messages are not deliveries
    assertThat(channel(1).get("stats").get("failed").asLong()).isZero();
  }

  @Test
  void theStatsShowThePipelineAndEveryChannel() throws Exception {
    createChannel(webhook("SOAR"));
    // counted since the server started, over every test that ran before
    long dropped = notifications.queue().dropped();
    mvc.perform(getAs(token("auditor"), "/api/v1/notifications/channels/stats"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"queue": {"capacity": 10000, "queued": 0, "in_flight": 0, "held": 0,
                               "dropped": %d},
                     "items": [{"channel_id": 1, "name": "SOAR", "type": "webhook",
                                "enabled": true, "sent": 0, "failed": 0, "rate_limited": 0,
                                "last_error": null, "last_error_at": null,
                                "last_success_at": null}]}
                    """
                        .formatted(dropped),
                    JsonCompareMode.STRICT));
  }

  @Test
  void secretsStoredUnderAnotherMasterKeyMustBeEnteredAgain() throws Exception {
    createChannel(webhook("SOAR"));
    // what a changed HSYSTEM_MASTER_KEY looks like to this server
    jdbc.update(
        "UPDATE notification_channels SET secrets = ?",
        new io.hsystem.secrets.SecretCipher("another-master-key-0000")
            .encrypt("{\"url\": \"http://127.0.0.1:9/\"}"));

    mvc.perform(postJson(admin, "/api/v1/notifications/channels/1/test", ""))
        .andExpect(status().isBadGateway())
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "the channel's secrets cannot be decrypted (was the master key changed?);"
                        + " enter them again"));
    putJson(
            "/api/v1/notifications/channels/1",
            """
            {"name": "SOAR", "type": "webhook", "settings": {"url": "***"}}
            """)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("notification.secrets_unreadable"));
    putJson(
            "/api/v1/notifications/channels/1",
            """
            {"name": "SOAR", "type": "webhook", "settings": {"url": "%s"}}
            """
                .formatted(receiver.url("/again")))
        .andExpect(status().isOk());
    mvc.perform(postJson(admin, "/api/v1/notifications/channels/1/test", ""))
        .andExpect(status().isOk());
    assertThat(receiver.next(Duration.ofSeconds(5)).uri().getPath()).isEqualTo("/again");
  }
}
