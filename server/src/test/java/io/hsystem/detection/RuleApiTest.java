package io.hsystem.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import io.hsystem.support.SharedData;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class RuleApiTest extends IntegrationTest {

  @Autowired RuleService rules;
  @Autowired DetectionEngine engine;
  private String token;

  @BeforeEach
  void setUp() throws Exception {
    rules.reload(); // the tables were emptied under the catalog
    token = token("analyst");
  }

  static final String CUSTOM =
      """
      title: Whoami run by a service account
      id: 0b0e0c8a-1111-4a5b-9c8d-7e6f5a4b3c2d
      status: test
      author: Test Team
      tags:
          - attack.discovery
          - attack.t1033
      logsource:
          category: process_creation
          product: windows
      detection:
          selection:
              Image|endswith: '\\whoami.exe'
          condition: selection
      level: low
      """;

  JsonNode body(org.springframework.test.web.servlet.ResultActions actions) throws Exception {
    return json.readTree(actions.andReturn().getResponse().getContentAsString());
  }

  @Test
  void theShippedPackLoadsWholeAndEveryRuleCarriesSeverityAndAttackTags() throws Exception {
    assertThat(rules.unusable()).isEmpty();
    JsonNode list = body(mvc.perform(getAs(token, "/api/v1/rules?origin=builtin&size=200")));
    assertThat(list.get("total").asInt()).isGreaterThanOrEqualTo(23);
    for (JsonNode rule : list.get("items")) {
      assertThat(rule.get("level").asString()).as(rule.get("id").asString()).isNotEmpty();
      assertThat(rule.get("attack_tactics")).as(rule.get("title").asString()).isNotEmpty();
      assertThat(rule.get("attack_techniques")).as(rule.get("title").asString()).isNotEmpty();
      assertThat(rule.get("author").asString()).isEqualTo("H-System");
    }
    mvc.perform(getAs(token, "/api/v1/rules/9c4f5d1b-7e0a-4f4b-8d6c-4a5b6c738d03"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.kind").value("correlation"))
        .andExpect(jsonPath("$.correlation_type").value("temporal_ordered"))
        .andExpect(jsonPath("$.timespan_seconds").value(600))
        .andExpect(jsonPath("$.yaml").value(org.hamcrest.Matchers.containsString("10m")));
    mvc.perform(getAs(token, "/api/v1/rules?q=T1003&kind=rule"))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].name").value("hs_win_credential_dumping"));
    mvc.perform(getAs(token, "/api/v1/rules/nope")).andExpect(status().isNotFound());
    mvc.perform(getAs(token, "/api/v1/rules?level=urgent")).andExpect(status().isBadRequest());
  }

  @Test
  void customRulesAreUploadedUpdatedDisabledAndDeletedShippedOnesOnlyDisabled() throws Exception {
    mvc.perform(
            post("/api/v1/rules")
                .header("Authorization", "Bearer " + token)
                .contentType("application/yaml")
                .content(CUSTOM))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.added[0]").value("0b0e0c8a-1111-4a5b-9c8d-7e6f5a4b3c2d"));
    mvc.perform(
            post("/api/v1/rules")
                .header("Authorization", "Bearer " + token)
                .contentType("application/yaml")
                .content(CUSTOM))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("rule.exists"));
    mvc.perform(getAs(token, "/api/v1/rules/0b0e0c8a-1111-4a5b-9c8d-7e6f5a4b3c2d"))
        .andExpect(jsonPath("$.origin").value("custom"))
        .andExpect(jsonPath("$.enabled").value(true))
        .andExpect(jsonPath("$.attack_techniques[0]").value("T1033"));
    mvc.perform(
            put("/api/v1/rules/0b0e0c8a-1111-4a5b-9c8d-7e6f5a4b3c2d")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    json.writeValueAsString(
                        java.util.Map.of("yaml", CUSTOM.replace("level: low", "level: high")))))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.level").value("high"));

    // broken or unsupported YAML is refused with the reason
    mvc.perform(
            post("/api/v1/rules")
                .header("Authorization", "Bearer " + token)
                .contentType("application/yaml")
                .content("title: [unclosed"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("rule.invalid"));
    mvc.perform(
            post("/api/v1/rules")
                .header("Authorization", "Bearer " + token)
                .contentType("application/yaml")
                .content(
                    CUSTOM
                        .replace("Image|endswith", "Image|frobnicate")
                        .replace("0b0e0c8a-1111", "0b0e0c8a-2222")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("frobnicate")));

    // shipped rules: disable yes, change or delete no
    String shipped = "6f1c2a8e-4b7d-4c1e-9a3f-1d2e3f405a01";
    mvc.perform(
            put("/api/v1/rules/" + shipped + "/enabled")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"enabled\": false}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.enabled").value(false));
    assertThat(rules.catalog().active().rules()).noneMatch(r -> r.id().equals(shipped));
    mvc.perform(authed(delete("/api/v1/rules/" + shipped), token))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.code").value("rule.builtin"));
    mvc.perform(authed(delete("/api/v1/rules/0b0e0c8a-1111-4a5b-9c8d-7e6f5a4b3c2d"), token))
        .andExpect(status().isNoContent());
    mvc.perform(getAs(token, "/api/v1/rules/0b0e0c8a-1111-4a5b-9c8d-7e6f5a4b3c2d"))
        .andExpect(status().isNotFound());
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action LIKE 'rule.%' AND outcome ="
                    + " 'success'",
                Long.class))
        .isEqualTo(4);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action LIKE 'rule.%' AND outcome ="
                    + " 'failure'",
                Long.class))
        .isEqualTo(4);
  }

  @Test
  void aSigmaHqPackImportsWithAReportPerRule() throws Exception {
    Path folder = SharedData.require("sigma/rules/application/opencanary");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    int files = 0;
    try (ZipOutputStream out = new ZipOutputStream(zip);
        Stream<Path> walk = Files.list(folder)) {
      for (Path file : walk.sorted().toList()) {
        out.putNextEntry(new ZipEntry("rules/" + file.getFileName()));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
        files++;
      }
      out.putNextEntry(new ZipEntry("rules/broken.yml"));
      out.write("title: broken\ndetection: [".getBytes());
      out.closeEntry();
    }
    JsonNode report =
        body(
            mvc.perform(
                    post("/api/v1/rules/import")
                        .header("Authorization", "Bearer " + token)
                        .contentType("application/zip")
                        .content(zip.toByteArray()))
                .andExpect(status().isOk()));
    assertThat(report.get("added").size()).isEqualTo(files);
    assertThat(report.get("refused").size()).isEqualTo(1);
    assertThat(report.at("/refused/0/source").asString()).isEqualTo("rules/broken.yml");
    JsonNode imported = body(mvc.perform(getAs(token, "/api/v1/rules?origin=imported&size=200")));
    assertThat(imported.get("total").asInt()).isEqualTo(files);
    // the author is kept for the credit the Detection Rule License asks for
    assertThat(imported.at("/items/0/author").asString()).isNotBlank();

    // an OpenCanary FTP login through ingest now raises the imported rule's alert
    String key =
        json.readTree(
                mvc.perform(
                        postJson(
                            token("admin"),
                            "/api/v1/ingest/keys",
                            "{\"name\": \"canary\", \"source_type\": \"opencanary\"}"))
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
                    """
                    [{"dst_host": "10.0.0.9", "dst_port": 21, "local_time": "2025-08-27 05:00:00.000000",
                      "local_time_adjusted": "2025-08-27 05:00:00.000000",
                      "logdata": {"PASSWORD": "secret", "USERNAME": "ftpuser"},
                      "logtype": 2000, "node_id": "canary-1", "src_host": "203.0.113.50",
                      "src_port": 50000, "utc_time": "2025-08-27 05:00:00.000000"}]
                    """))
        .andExpect(status().isOk());
    long deadline = System.currentTimeMillis() + 10_000;
    JsonNode alerts;
    do {
      Thread.sleep(50);
      alerts = body(mvc.perform(getAs(token, "/api/v1/alerts?src_ip=203.0.113.50")));
    } while (alerts.get("total").asInt() == 0 && System.currentTimeMillis() < deadline);
    assertThat(alerts.get("items").findValuesAsString("rule_name"))
        .anyMatch(n -> n.toLowerCase().contains("ftp"));
  }

  @Test
  void dryRunTriesARuleOnSamplesAndOnAHuntWithoutRaisingAlerts() throws Exception {
    String sample =
        """
        {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational",
         "SourceName": "Microsoft-Windows-Sysmon", "Hostname": "WS-01",
         "UtcTime": "2025-08-27 05:00:00.000", "Image": "C:\\\\Windows\\\\System32\\\\whoami.exe",
         "CommandLine": "whoami /all", "ProcessId": 10}
        """;
    String other = sample.replace("whoami.exe", "notepad.exe");
    String request =
        "{\"yaml\": "
            + json.writeValueAsString(CUSTOM)
            + ", \"source_type\": \"sysmon\", \"events\": ["
            + sample
            + ", "
            + other
            + "]}";
    mvc.perform(postJson(token, "/api/v1/rules/dry-run", request))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tested").value(2))
        .andExpect(jsonPath("$.matched").value(1))
        .andExpect(jsonPath("$.matches[0].event.process_name").value("whoami.exe"));
    mvc.perform(getAs(token, "/api/v1/alerts")).andExpect(jsonPath("$.total").value(0));
    mvc.perform(
            postJson(
                token,
                "/api/v1/rules/dry-run",
                "{\"yaml\": "
                    + json.writeValueAsString(CUSTOM)
                    + ", \"query\": \"process_name:whoami.exe\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tested").value(0));
    mvc.perform(
            postJson(token, "/api/v1/rules/dry-run", "{\"yaml\": \"title: x\", \"events\": [{}]}"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            postJson(
                token,
                "/api/v1/rules/dry-run",
                "{\"yaml\": "
                    + json.writeValueAsString(CUSTOM)
                    + ", \"source_type\": \"sysmon\", \"events\": [{\"EventID\": \"x\"}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("events[0]")));
  }
}
