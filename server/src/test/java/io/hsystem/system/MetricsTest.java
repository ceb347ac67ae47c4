package io.hsystem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class MetricsTest extends IntegrationTest {

  @Test
  void prometheusShowsIngestDetectionAndAlertFiguresToThisMachine() throws Exception {
    double before = value(scrape(), "hsystem_ingest_events_total");
    String admin = token("admin");
    String key =
        json.readTree(
                mvc.perform(
                        postJson(
                            admin,
                            "/api/v1/ingest/keys",
                            "{\"name\": \"m\", \"source_type\": \"hsystem_sensor\"}"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString())
            .get("api_key")
            .asString();
    mvc.perform(
            post("/api/v1/ingest/events")
                .header("X-API-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "[{\"event_time\": \"2025-08-27 06:00:00\", \"event_type\": \"login_attempt\","
                        + " \"service\": \"ssh\", \"src_ip\": \"203.0.113.9\"},"
                        + " {\"event_time\": \"2025-08-27 06:00:01\", \"event_type\":"
                        + " \"connection\", \"service\": \"ssh\", \"src_ip\": \"203.0.113.9\"}]"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accepted").value(2));
    String text = scrape();
    assertThat(value(text, "hsystem_ingest_events_total")).isEqualTo(before + 2);
    assertThat(text)
        .contains("hsystem_eventstore_indexed_total")
        .contains("hsystem_ingest_pending")
        .contains("hsystem_detection_events_total")
        .contains("hsystem_detection_batch_seconds_count")
        .contains("hsystem_detection_queue")
        .contains("hsystem_alerts_unhandled{severity=\"critical\"}")
        .contains("hsystem_notifications_queue");

    mvc.perform(
            get("/actuator/prometheus")
                .with(
                    request -> {
                      request.setRemoteAddr("198.51.100.7");
                      return request;
                    }))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("forbidden"));
  }

  @Test
  void withATokenConfiguredOnlyItOpensTheMetrics() throws Exception {
    var filter =
        new io.hsystem.system.web.MetricsAccessFilterProbe("scrape-token-123", json).filter();
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
    MockHttpServletResponse response = new MockHttpServletResponse();
    boolean[] passed = {false};
    filter.doFilter(request, response, (rq, rs) -> passed[0] = true);
    assertThat(passed[0]).isFalse();
    assertThat(response.getStatus()).isEqualTo(401);

    request.addHeader("Authorization", "Bearer scrape-token-123");
    response = new MockHttpServletResponse();
    filter.doFilter(request, response, (rq, rs) -> passed[0] = true);
    assertThat(passed[0]).isTrue();
  }

  @Test
  void statusShowsVersionsSizesQueuesAndRetention() throws Exception {
    mvc.perform(getAs(token("auditor"), "/api/v1/system/status"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.version").value(org.hamcrest.Matchers.startsWith("v")))
        .andExpect(jsonPath("$.database_version").isNotEmpty())
        .andExpect(jsonPath("$.event_store").value("lucene"))
        .andExpect(jsonPath("$.uptime_seconds").isNumber())
        .andExpect(jsonPath("$.ingest_rate_per_second").isNumber())
        .andExpect(jsonPath("$.disk.database").value(org.hamcrest.Matchers.greaterThan(0)))
        .andExpect(jsonPath("$.disk.event_store").isNumber())
        .andExpect(jsonPath("$.queues.ingest_pending").isNumber())
        .andExpect(jsonPath("$.queues.detection").isNumber())
        .andExpect(jsonPath("$.retention_days.events").value(90))
        .andExpect(jsonPath("$.retention_days.audit").value(180));
  }

  private String scrape() throws Exception {
    return mvc.perform(get("/actuator/prometheus"))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private static double value(String text, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
    assertThat(m.find()).as(name + " in " + text).isTrue();
    return Double.parseDouble(m.group(2));
  }
}
