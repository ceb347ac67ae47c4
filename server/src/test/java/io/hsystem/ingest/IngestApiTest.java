package io.hsystem.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.ingest.internal.AssetLinker;
import io.hsystem.support.IntegrationTest;
import io.hsystem.support.SharedData;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.ResultActions;

class IngestApiTest extends IntegrationTest {

  @Autowired AssetLinker linker;

  private String key(String sourceType) throws Exception {
    String body =
        mvc.perform(
                postJson(
                    token("admin"),
                    "/api/v1/ingest/keys",
                    "{\"name\": \""
                        + sourceType
                        + " shipper\", \"source_type\": \""
                        + sourceType
                        + "\"}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body).get("api_key").asString();
  }

  private ResultActions send(String key, String contentType, byte[] body, boolean gzip)
      throws Exception {
    var request = post("/api/v1/ingest/events").header("X-API-Key", key).contentType(contentType);
    if (gzip) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(out)) {
        z.write(body);
      }
      request = request.header("Content-Encoding", "gzip").content(out.toByteArray());
    } else {
      request = request.content(body);
    }
    return mvc.perform(request);
  }

  private long searchable(String query, long expected) throws Exception {
    long total = -1;
    for (int i = 0; i < 100; i++) {
      eventStore.refresh();
      String body =
          mvc.perform(
                  postJson(
                      token("analyst"),
                      "/api/v1/hunting/query",
                      json.writeValueAsString(java.util.Map.of("query", query, "size", 1))))
              .andReturn()
              .getResponse()
              .getContentAsString();
      total = json.readTree(body).get("total").asLong();
      if (total == expected) {
        return total;
      }
      Thread.sleep(100);
    }
    return total;
  }

  @Test
  void everyEventOfTheOtrfAndMdecrevoisierDatasetsIsAcceptedAndSearchable() throws Exception {
    String key = key("sysmon");
    long expectedTotal = 0;
    for (String folder : List.of("events/otrf/windows", "events/mdecrevoisier")) {
      Path dir = SharedData.require(folder);
      try (var files = Files.list(dir)) {
        for (Path file :
            files
                .filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".jsonl"))
                .sorted()
                .toList()) {
          byte[] body = Files.readAllBytes(file);
          long lines =
              new String(body, java.nio.charset.StandardCharsets.UTF_8)
                  .lines()
                  .filter(l -> !l.isBlank())
                  .count();
          String response =
              send(key, "application/x-ndjson", body, true)
                  .andExpect(status().isOk())
                  .andReturn()
                  .getResponse()
                  .getContentAsString();
          var result = json.readTree(response);
          assertThat(result.get("rejected_count").asInt())
              .as(file.getFileName() + ": " + response)
              .isZero();
          assertThat(result.get("accepted").asLong())
              .as(file.getFileName().toString())
              .isEqualTo(lines);
          expectedTotal += lines;
        }
      }
    }
    assertThat(expectedTotal).isEqualTo(3675 + 67);
    assertThat(searchable("", expectedTotal)).isEqualTo(expectedTotal);
    // spot checks through the analyst's query language
    assertThat(searchable("source_type:sysmon AND event_code:1 AND process_name:bitsadmin.exe", 1))
        .isPositive();
    assertThat(searchable("event_code:4688 AND command_line:*net*user*/add*", 9)).isPositive();
    String hit =
        mvc.perform(
                postJson(
                    token("analyst"),
                    "/api/v1/hunting/query",
                    "{\"query\": \"event_type:network_connection AND dst_ip:10.23.123.11 AND dst_port:443\", \"size\": 1}"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    var item = json.readTree(hit).get("items").get(0);
    assertThat(item.get("event_category").asString()).isEqualTo("network");
    assertThat(item.get("asset_id").asLong()).isPositive();
    assertThat(item.get("raw").asString()).startsWith("{");
    assertThat(item.get("ingest_time").asString())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    // hosts became assets
    mvc.perform(getAs(token("analyst"), "/api/v1/assets?type=workstation"))
        .andExpect(status().isOk())
        .andExpect(
            result ->
                assertThat(
                        json.readTree(result.getResponse().getContentAsString())
                            .get("total")
                            .asLong())
                    .isPositive());
  }

  @Test
  void badRecordsAreRefusedOneByOneAndTheGoodOnesKept() throws Exception {
    String key = key("hsystem_sensor");
    String body =
        String.join(
            "\n",
            "{\"event_time\": \"2025-08-27 14:25:03\", \"event_type\": \"login_attempt\", \"service\": \"ssh\", \"src_ip\": \"45.141.84.12\", \"username\": \"root\", \"password\": \"123456\"}",
            "{\"event_time\": \"2025-08-27 14:25:04\", \"event_type\": \"login_attempt\", \"src_ip\": \"999.1.1.1\"}",
            "{not json",
            "{\"event_time\": \"yesterday\", \"event_type\": \"connection\"}",
            "{\"event_time\": \"2025-08-27 14:25:05\", \"event_type\": \"connection\", \"dst_port\": \"http\"}",
            "[]",
            "{\"event_time\": \"2025-08-27 14:25:06\", \"event_type\": \"command\", \"command_line\": \""
                + "A".repeat(20000)
                + "\"}",
            "{\"event_time\": \"1970-01-01 00:00:00\", \"event_type\": \"connection\"}");
    String response =
        send(key, "application/x-ndjson", body.getBytes(), false)
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    var result = json.readTree(response);
    assertThat(result.get("accepted").asInt()).isEqualTo(2);
    assertThat(result.get("rejected_count").asInt()).isEqualTo(6);
    List<Integer> indexes = new java.util.ArrayList<>();
    result
        .get("rejected")
        .forEach(
            r -> {
              indexes.add(r.get("index").asInt());
              assertThat(r.get("reason").asString())
                  .isNotBlank()
                  .doesNotContain("Exception")
                  .doesNotContain("\tat ");
            });
    assertThat(indexes).containsExactly(1, 2, 3, 4, 5, 7);
    assertThat(result.get("rejected").get(0).get("reason").asString()).contains("src_ip");
    assertThat(searchable("event_category:honeypot", 2)).isEqualTo(2);
    String hit =
        mvc.perform(
                postJson(
                    token("analyst"),
                    "/api/v1/hunting/query",
                    "{\"query\": \"event_type:command\"}"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    var cut = json.readTree(hit).get("items").get(0);
    assertThat(cut.get("command_line").asString()).hasSize(8192);
    assertThat(cut.get("truncated").asString()).contains("command_line");
  }

  @Test
  void aJsonArrayKeepsEachRecordsRawTextVerbatim() throws Exception {
    String key = key("cowrie");
    String record =
        "{\"eventid\":\"cowrie.login.failed\",\"username\":\"root\",\"password\":\"<img src=x onerror=alert(1)>\","
            + "\"src_ip\":\"45.141.84.12\",\"src_port\":50100,\"dst_port\":2222,\"session\":\"a1b2c3\","
            + "\"sensor\":\"hp-01\",\"timestamp\":\"2025-08-27T14:25:03.123456Z\",\"protocol\":\"ssh\"}";
    send(key, "application/json", ("[ " + record + " ,\n" + record + "]").getBytes(), false)
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    "{\"accepted\": 2, \"rejected_count\": 0, \"rejected\": []}",
                    JsonCompareMode.STRICT));
    assertThat(searchable("username:root AND sensor_id:hp-01", 2)).isEqualTo(2);
    String hit =
        mvc.perform(
                postJson(
                    token("analyst"),
                    "/api/v1/hunting/query",
                    "{\"query\": \"session_id:a1b2c3\"}"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    var item = json.readTree(hit).get("items").get(0);
    assertThat(item.get("raw").asString()).isEqualTo(record);
    assertThat(item.get("password").asString()).isEqualTo("<img src=x onerror=alert(1)>");
    // the sensor became a honeypot asset
    mvc.perform(getAs(token("analyst"), "/api/v1/assets?type=honeypot"))
        .andExpect(
            content()
                .json(
                    "{\"total\": 1, \"items\": [{\"name\": \"hp-01\", \"managed_by\": \"sensor\"}]}"));
    linker.flushCheckins();
    mvc.perform(getAs(token("analyst"), "/api/v1/assets?type=honeypot&status=online"))
        .andExpect(content().json("{\"total\": 1}"));
  }

  @Test
  void keysAreRequiredRevocableAndNeverListedWithTheirSecret() throws Exception {
    mvc.perform(post("/api/v1/ingest/events").contentType("application/json").content("[]"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().json("{\"code\": \"ingest.invalid_key\"}"));
    String key = key("sysmon");
    String list =
        mvc.perform(getAs(token("admin"), "/api/v1/ingest/keys"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(list).contains(key.substring(0, 12)).doesNotContain(key);
    mvc.perform(authed(delete("/api/v1/ingest/keys/1"), token("admin")))
        .andExpect(status().isNoContent());
    send(key, "application/json", "[{}]".getBytes(), false).andExpect(status().isUnauthorized());
    mvc.perform(getAs(token("auditor"), "/api/v1/audit?action=ingest.key_revoke"))
        .andExpect(content().json("{\"total\": 1}"));
  }

  @Test
  void batchLimitsAnswer400And413() throws Exception {
    String key = key("hsystem_sensor");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 20001; i++) {
      many.append("{}\n");
    }
    send(key, "application/x-ndjson", many.toString().getBytes(), false)
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"ingest.too_many_records\"}"));
    send(key, "application/x-ndjson", "   \n\n".getBytes(), false)
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"ingest.empty\"}"));
    byte[] bomb = new byte[140 * 1024 * 1024];
    java.util.Arrays.fill(bomb, (byte) ' ');
    send(key, "application/x-ndjson", bomb, true)
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().json("{\"code\": \"ingest.too_large\"}"));
    mvc.perform(
            post("/api/v1/ingest/events")
                .header("X-API-Key", key)
                .header("Content-Encoding", "gzip")
                .contentType("application/json")
                .content("not gzip"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"ingest.bad_encoding\"}"));
  }
}
