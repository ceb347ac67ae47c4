package io.hsystem.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.shared.Severity;
import io.hsystem.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

@Import(AlertApiTest.Published.class)
class AlertApiTest extends IntegrationTest {

  @Autowired AlertService alerts;
  @Autowired Published published;
  private String token;

  /** Collects what the alert center publishes. */
  @TestConfiguration
  static class Published {
    final List<AlertChanged> changes = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AlertChanged change) {
      changes.add(change);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    token = token("analyst");
    published.changes.clear();
  }

  static Event login(String srcIp, String username, String password, Instant time) {
    return new Event()
        .set(EventField.EVENT_ID, "ev-" + username + "-" + time.toEpochMilli())
        .set(EventField.EVENT_TIME, time)
        .set(EventField.EVENT_TYPE, "login_attempt")
        .set(EventField.SERVICE, "ssh")
        .set(EventField.SRC_IP, srcIp)
        .set(EventField.DST_PORT, 2222L)
        .set(EventField.USERNAME, username)
        .set(EventField.PASSWORD, password)
        .set(EventField.HOST_NAME, "hp-01");
  }

  static Detection bruteForce(String srcIp, Instant time, Event... events) {
    return new Detection(
        DetectionSource.RULE,
        "hs-honeypot-ssh-brute-force",
        "Honeypot SSH brute force",
        "H-System",
        "honeypot_brute_force",
        Severity.HIGH,
        "SSH brute force from " + srcIp,
        List.of("credential-access"),
        List.of("T1110"),
        null,
        "hp-01",
        srcIp,
        null,
        time,
        List.of(events),
        Map.of(),
        Map.of());
  }

  private ResultActions putJson(String url, String body) throws Exception {
    return mvc.perform(
        authed(put(url), token).contentType(MediaType.APPLICATION_JSON).content(body));
  }

  @Test
  void theSeedsListAndHandleShapes() throws Exception {
    Instant t = START.minusSeconds(60);
    alerts.raise(List.of(bruteForce("45.141.84.12", t, login("45.141.84.12", "root", "x", t))));

    mvc.perform(getAs(token, "/api/v1/alerts?severity=high&status=unhandled"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"total": 1, "items": [{"id": 1, "alert_type": "honeypot_brute_force",
                      "severity": "high", "status": "unhandled",
                      "title": "SSH brute force from 45.141.84.12",
                      "rule_id": "hs-honeypot-ssh-brute-force", "rule_author": "H-System",
                      "attack_tactics": ["credential-access"], "attack_techniques": ["T1110"],
                      "src_ip": "45.141.84.12", "host_name": "hp-01", "count": 1,
                      "first_seen": "2025-08-27 05:59:00", "last_seen": "2025-08-27 05:59:00",
                      "create_time": "2025-08-27 06:00:00"}]}
                    """));
    putJson("/api/v1/alerts/1/handle", "{\"status\": \"handled\", \"remark\": \"已隔离主机\"}")
        .andExpect(status().isOk())
        .andExpect(content().json("{\"success\": true}", JsonCompareMode.STRICT));

    mvc.perform(getAs(token, "/api/v1/alerts/1"))
        .andExpect(jsonPath("$.status").value("handled"))
        .andExpect(jsonPath("$.remark").value("已隔离主机"))
        .andExpect(jsonPath("$.evidence.events[0].username").value("root"))
        .andExpect(jsonPath("$.history[0].actor").value("analyst"))
        .andExpect(jsonPath("$.history[0].from_status").value("unhandled"))
        .andExpect(jsonPath("$.history[0].to_status").value("handled"))
        .andExpect(jsonPath("$.history[0].remark").value("已隔离主机"));
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action = 'alert.handle' AND actor_username ="
                    + " 'analyst' AND target_id = '1'",
                Long.class))
        .isEqualTo(1);
    assertThat(published.changes)
        .extracting(AlertChanged::kind)
        .containsExactly(AlertChanged.Kind.CREATED, AlertChanged.Kind.HANDLED);
  }

  @Test
  void repeatsWithinTheWindowUpdateOneAlertInsteadOfFlooding() throws Exception {
    Instant t = START.minus(Duration.ofMinutes(30));
    for (int i = 0; i < 50; i++) {
      Instant at = t.plusSeconds(i);
      alerts.raise(
          List.of(bruteForce("45.141.84.12", at, login("45.141.84.12", "u" + i, "p", at))));
    }
    // another source is another alert
    alerts.raise(List.of(bruteForce("103.1.1.1", t, login("103.1.1.1", "admin", "p", t))));

    mvc.perform(getAs(token, "/api/v1/alerts?src_ip=45.141.84.12"))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].count").value(50))
        .andExpect(jsonPath("$.items[0].first_seen").value("2025-08-27 05:30:00"))
        .andExpect(jsonPath("$.items[0].last_seen").value("2025-08-27 05:30:49"));
    // the newest 20 events are kept as evidence, the rest counted
    mvc.perform(getAs(token, "/api/v1/alerts/1"))
        .andExpect(jsonPath("$.evidence.events.length()").value(20))
        .andExpect(jsonPath("$.evidence.events[19].username").value("u49"))
        .andExpect(jsonPath("$.evidence.events_omitted").value(30));
    mvc.perform(getAs(token, "/api/v1/alerts")).andExpect(jsonPath("$.total").value(2));

    // past the window, or once handled, a repeat starts a new alert
    Instant later = t.plus(Duration.ofHours(3));
    alerts.raise(
        List.of(bruteForce("45.141.84.12", later, login("45.141.84.12", "x", "p", later))));
    mvc.perform(getAs(token, "/api/v1/alerts?src_ip=45.141.84.12"))
        .andExpect(jsonPath("$.total").value(2));
    putJson("/api/v1/alerts/3/handle", "{\"status\": \"ignored\", \"remark\": \"scanner\"}")
        .andExpect(status().isOk());
    alerts.raise(
        List.of(bruteForce("45.141.84.12", later, login("45.141.84.12", "y", "p", later))));
    mvc.perform(getAs(token, "/api/v1/alerts?src_ip=45.141.84.12&status=unhandled"))
        .andExpect(jsonPath("$.total").value(2))
        .andExpect(jsonPath("$.items[0].id").value(4));
  }

  @Test
  void invalidTransitionsAre409AndBadInputIs400() throws Exception {
    alerts.raise(
        List.of(bruteForce("45.141.84.12", START, login("45.141.84.12", "r", "p", START))));
    putJson("/api/v1/alerts/1/handle", "{\"status\": \"handled\"}").andExpect(status().isOk());
    putJson("/api/v1/alerts/1/handle", "{\"status\": \"ignored\"}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("alert.invalid_transition"));
    putJson("/api/v1/alerts/1/handle", "{\"status\": \"done\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("validation_failed"));
    putJson("/api/v1/alerts/1/handle", "{\"remark\": \"no status\"}")
        .andExpect(status().isBadRequest());
    putJson(
            "/api/v1/alerts/1/handle",
            "{\"status\": \"unhandled\", \"remark\": \"" + "x".repeat(3000) + "\"}")
        .andExpect(status().isBadRequest());
    putJson("/api/v1/alerts/99/handle", "{\"status\": \"handled\"}")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("alert.not_found"));
    mvc.perform(getAs(token, "/api/v1/alerts?severity=urgent")).andExpect(status().isBadRequest());
    mvc.perform(getAs(token, "/api/v1/alerts?sort=name")).andExpect(status().isBadRequest());
    mvc.perform(getAs(token, "/api/v1/alerts?from=yesterday")).andExpect(status().isBadRequest());
    // reopening is allowed, and the history keeps both steps
    putJson("/api/v1/alerts/1/handle", "{\"status\": \"unhandled\", \"remark\": \"came back\"}")
        .andExpect(status().isOk());
    mvc.perform(getAs(token, "/api/v1/alerts/1"))
        .andExpect(jsonPath("$.history.length()").value(2))
        .andExpect(jsonPath("$.history[1].to_status").value("unhandled"));
  }

  @Test
  void filtersSortPagingAndSummary() throws Exception {
    List<Detection> detections = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Instant at = START.minusSeconds(600 - i);
      detections.add(bruteForce("10.0.0." + i, at, login("10.0.0." + i, "root", "p", at)));
    }
    alerts.raise(detections);
    putJson("/api/v1/alerts/2/handle", "{\"status\": \"handling\", \"assignee\": \"analyst\"}")
        .andExpect(status().isOk());

    mvc.perform(getAs(token, "/api/v1/alerts?size=3&page=2&sort=last_seen&order=asc"))
        .andExpect(jsonPath("$.total").value(7))
        .andExpect(jsonPath("$.items.length()").value(3))
        .andExpect(jsonPath("$.items[0].src_ip").value("10.0.0.3"));
    mvc.perform(getAs(token, "/api/v1/alerts?status=handling,handled&assignee=analyst"))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].id").value(2));
    mvc.perform(getAs(token, "/api/v1/alerts?q=10.0.0.6")).andExpect(jsonPath("$.total").value(1));
    mvc.perform(getAs(token, "/api/v1/alerts?q=%25")).andExpect(jsonPath("$.total").value(0));
    mvc.perform(getAs(token, "/api/v1/alerts/summary"))
        .andExpect(jsonPath("$.high.unhandled").value(6))
        .andExpect(jsonPath("$.high.handling").value(1))
        .andExpect(jsonPath("$.critical.unhandled").value(0));
    assertThat(alerts.since(5, List.of(Severity.HIGH), 10))
        .extracting(Alert::id)
        .containsExactly(6L, 7L);
    assertThat(alerts.since(0, List.of(Severity.CRITICAL), 10)).isEmpty();
  }

  @Test
  void bulkHandlingByIdsAndByFilterSkipsWhatCannotMove() throws Exception {
    List<Detection> detections = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      detections.add(bruteForce("10.0.0." + i, START, login("10.0.0." + i, "root", "p", START)));
    }
    alerts.raise(detections);
    putJson("/api/v1/alerts/1/handle", "{\"status\": \"ignored\"}").andExpect(status().isOk());

    mvc.perform(
            postJson(
                token,
                "/api/v1/alerts/handle",
                "{\"ids\": [1, 2, 99], \"status\": \"handled\", \"remark\": \"batch\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.success").value(true))
        .andExpect(jsonPath("$.updated[0]").value(2))
        .andExpect(jsonPath("$.skipped.length()").value(2));
    mvc.perform(
            postJson(
                token,
                "/api/v1/alerts/handle",
                "{\"filter\": {\"status\": [\"unhandled\"]}, \"status\": \"handling\"}"))
        .andExpect(jsonPath("$.updated.length()").value(2));
    mvc.perform(getAs(token, "/api/v1/alerts?status=handling"))
        .andExpect(jsonPath("$.total").value(2));
    mvc.perform(postJson(token, "/api/v1/alerts/handle", "{\"status\": \"handled\"}"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void suppressedMatchesAreCountedNotAlerted() throws Exception {
    mvc.perform(
            postJson(
                token,
                "/api/v1/alerts/suppressions",
                """
                {"rule_id": "hs-honeypot-ssh-brute-force",
                 "conditions": {"src_ip": ["10.0.0.0/8"]}, "reason": "internal scanner",
                 "expires_at": "2025-09-01 00:00:00"}
                """))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").value(1));
    alerts.raise(
        List.of(
            bruteForce("10.1.2.3", START, login("10.1.2.3", "root", "p", START)),
            bruteForce("10.1.2.4", START, login("10.1.2.4", "root", "p", START)),
            bruteForce("45.141.84.12", START, login("45.141.84.12", "root", "p", START))));
    mvc.perform(getAs(token, "/api/v1/alerts")).andExpect(jsonPath("$.total").value(1));
    mvc.perform(getAs(token, "/api/v1/alerts/suppressions"))
        .andExpect(jsonPath("$.items[0].hit_count").value(2))
        .andExpect(jsonPath("$.items[0].created_by").value("analyst"));

    // from an alert: its source address, global scope
    mvc.perform(
            postJson(
                token,
                "/api/v1/alerts/1/suppress",
                "{\"fields\": [\"src_ip\"], \"scope\": \"global\", \"reason\": \"our pentest\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.conditions.src_ip[0]").value("45.141.84.12"))
        .andExpect(jsonPath("$.rule_id").doesNotExist());
    alerts.raise(
        List.of(
            bruteForce(
                "45.141.84.12",
                START.plus(Duration.ofHours(5)),
                login("45.141.84.12", "a", "p", START))));
    mvc.perform(getAs(token, "/api/v1/alerts")).andExpect(jsonPath("$.total").value(1));

    // after expiry the first suppression no longer applies
    clock.set(Instant.parse("2025-09-02T00:00:00Z"));
    token = token("analyst");
    alerts.raise(List.of(bruteForce("10.1.2.3", START, login("10.1.2.3", "root", "p", START))));
    mvc.perform(getAs(token, "/api/v1/alerts")).andExpect(jsonPath("$.total").value(2));

    mvc.perform(authed(delete("/api/v1/alerts/suppressions/2"), token))
        .andExpect(status().isNoContent());
    mvc.perform(authed(delete("/api/v1/alerts/suppressions/2"), token))
        .andExpect(status().isNotFound());
    mvc.perform(
            postJson(
                token,
                "/api/v1/alerts/suppressions",
                "{\"conditions\": {}, \"reason\": \"everything\"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            postJson(
                token,
                "/api/v1/alerts/suppressions",
                "{\"conditions\": {\"raw\": [\"x\"]}, \"reason\": \"r\"}"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            postJson(
                token,
                "/api/v1/alerts/suppressions",
                "{\"conditions\": {\"src_ip\": [\"10.0.0.0/99\"]}, \"reason\": \"r\"}"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void attackerStringsInEvidenceAreDataAndBounded() throws Exception {
    String xss = "<img src=x onerror=alert(1)>";
    alerts.raise(
        List.of(
            bruteForce(
                "45.141.84.12", START, login("45.141.84.12", xss, "y".repeat(5000), START))));
    JsonNode body =
        json.readTree(
            mvc.perform(getAs(token, "/api/v1/alerts/1"))
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(body.path("evidence").path("events").get(0).path("username").asString())
        .isEqualTo(xss);
    assertThat(body.path("evidence").path("events").get(0).path("password").asString())
        .hasSize(1024);
  }

  @Autowired AlertRetentionJob retention;

  @Test
  void alertsPastTheRetentionPeriodAreDeletedWithTheirHistory() throws Exception {
    alerts.raise(List.of(bruteForce("10.9.9.9", START, login("10.9.9.9", "r", "p", START))));
    putJson("/api/v1/alerts/1/handle", "{\"status\": \"handled\"}").andExpect(status().isOk());
    clock.set(START.plus(Duration.ofDays(364)));
    assertThat(retention.purge()).isZero();
    clock.set(START.plus(Duration.ofDays(366)));
    alerts.raise(
        List.of(
            bruteForce("10.9.9.8", clock.instant(), login("10.9.9.8", "r", "p", clock.instant()))));
    assertThat(retention.purge()).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM alerts", Long.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM alert_history", Long.class)).isZero();
  }
}
