package io.hsystem.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.eventstore.EventStoreContract;
import io.hsystem.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

class HuntingApiTest extends IntegrationTest {

  @Autowired TemplateLibrary library;

  private String token;

  /** The store contract's ten sample events, through the store the server uses. */
  @BeforeEach
  void events() throws Exception {
    eventStore.append(new SampleEvents().all(), 10);
    eventStore.refresh();
    token = token("analyst");
  }

  static final class SampleEvents extends EventStoreContract {
    List<io.hsystem.protocol.Event> all() {
      return sample();
    }

    @Override
    protected io.hsystem.eventstore.EventStore open(java.nio.file.Path dir) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void theSeedQueryAnswersTotalAndItemsWithTheSpecsTimeFormat() throws Exception {
    mvc.perform(
            postJson(
                token,
                "/api/v1/hunting/query",
                "{\"query\": \"process_name:svchost.exe AND path:C:\\\\Temp\\\\*\"}"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"total": 1, "items": [{
                      "event_id": "e1", "event_time": "2025-08-27 14:25:03",
                      "ingest_time": "2025-08-27 14:25:03", "event_type": "network_connection",
                      "event_category": "network", "source_type": "sysmon", "asset_id": 1,
                      "host_name": "WIN-SERVER-01", "host_ip": "10.0.0.5",
                      "process_name": "svchost.exe", "path": "C:\\\\Temp\\\\svchost.exe",
                      "command_line": "C:\\\\Temp\\\\svchost.exe -k netsvcs", "process_id": 4002,
                      "user": "CORP\\\\bob", "src_ip": "10.0.0.5", "dst_ip": "185.220.101.4",
                      "dst_port": 443,
                      "raw": "{\\"EventID\\": 1, \\"Image\\": \\"C:\\\\\\\\Temp\\\\\\\\svchost.exe\\", \\"id\\": \\"e1\\"}"}]}
                    """,
                    JsonCompareMode.STRICT));
  }

  @Test
  void timeRangePagingAndSortNarrowTheResults() throws Exception {
    mvc.perform(
            postJson(
                token,
                "/api/v1/hunting/query",
                """
                {"query": "", "from": "2025-08-26 00:00:00", "to": "2025-08-27 00:00:00",
                 "page": 1, "size": 2, "sort": "asc"}
                """))
        .andExpect(
            content()
                .json(
                    "{\"total\": 3, \"items\": [{\"event_id\": \"e5\"}, {\"event_id\": \"e6\"}]}"));
  }

  @Test
  void aSyntaxErrorIsA400PointingAtThePosition() throws Exception {
    mvc.perform(postJson(token, "/api/v1/hunting/query", "{\"query\": \"dst_port:[1 1024]\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .json(
                    """
                    {"code": "hunting.query_syntax", "position": 12,
                     "detail": "query: a range needs TO between its bounds at position 12",
                     "errors": [{"field": "query"}]}
                    """));
    mvc.perform(postJson(token, "/api/v1/hunting/query", "{\"query\": \"src_ip:not-an-ip\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"hunting.query_invalid\"}"));
    mvc.perform(
            postJson(
                token, "/api/v1/hunting/query", "{\"query\": \"\", \"page\": 100, \"size\": 200}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"errors\": [{\"field\": \"page\"}]}"));
  }

  @Test
  void aggregationsGiveTopValuesAndTimeBuckets() throws Exception {
    mvc.perform(
            postJson(
                token,
                "/api/v1/hunting/aggregate",
                "{\"query\": \"event_category:honeypot\", \"field\": \"source.ip\", \"limit\": 5}"))
        .andExpect(
            content()
                .json(
                    """
                    {"type": "top_values", "buckets": [
                      {"value": "45.141.84.12", "count": 2}, {"value": "2001:db8::7", "count": 1}]}
                    """,
                    JsonCompareMode.STRICT));
    mvc.perform(
            postJson(
                token,
                "/api/v1/hunting/aggregate",
                "{\"type\": \"histogram\", \"interval\": \"1d\"}"))
        .andExpect(
            content()
                .json(
                    """
                    {"type": "histogram", "buckets": [
                      {"start": "2025-08-25 00:00:00", "count": 1},
                      {"start": "2025-08-26 00:00:00", "count": 3},
                      {"start": "2025-08-27 00:00:00", "count": 6}]}
                    """,
                    JsonCompareMode.STRICT));
  }

  @Test
  void savingATemplateAnswersTheSeedShapeAndRecordsTheAuthor() throws Exception {
    mvc.perform(
            postJson(
                token,
                "/api/v1/hunting/templates",
                """
                {"name": "可疑PowerShell活动", "query": "process_name:powershell.exe AND command_line:*-enc*",
                 "tactics": ["execution", "Defense Evasion", "TA0006"], "techniques": ["t1059.001"]}
                """))
        .andExpect(status().isCreated())
        .andExpect(content().json("{\"id\": 1, \"success\": true}", JsonCompareMode.STRICT));
    mvc.perform(getAs(token, "/api/v1/hunting/templates/1"))
        .andExpect(
            content()
                .json(
                    """
                    {"id": 1, "name": "可疑PowerShell活动", "builtin": false, "create_by": %d,
                     "tactics": ["execution", "defense-evasion", "credential-access"],
                     "techniques": ["T1059.001"]}
                    """
                        .formatted(analystId)));
  }

  @Test
  void templatesAreValidated() throws Exception {
    mvc.perform(
            postJson(
                token,
                "/api/v1/hunting/templates",
                "{\"name\": \"x\", \"query\": \"a:b\", \"tactics\": [\"execution\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"hunting.query_syntax\"}"));
    mvc.perform(
            postJson(
                token,
                "/api/v1/hunting/templates",
                "{\"name\": \"x\", \"query\": \"mimikatz\", \"tactics\": [\"hacking\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"errors\": [{\"field\": \"tactics\"}]}"));
    mvc.perform(
            postJson(
                token,
                "/api/v1/hunting/templates",
                "{\"name\": \"x\", \"query\": \"mimikatz\", \"techniques\": [\"1059\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"errors\": [{\"field\": \"techniques\"}]}"));
    mvc.perform(
            postJson(
                token, "/api/v1/hunting/templates", "{\"name\": \"x\", \"query\": \"mimikatz\"}"))
        .andExpect(status().isCreated());
    mvc.perform(
            postJson(token, "/api/v1/hunting/templates", "{\"name\": \"X\", \"query\": \"other\"}"))
        .andExpect(status().isConflict())
        .andExpect(content().json("{\"code\": \"hunting.template_name_taken\"}"));
  }

  @Test
  void theShippedLibraryIsReadOnlyAndEveryTemplateRuns() throws Exception {
    library.run(null);
    var list =
        json.readTree(
            mvc.perform(getAs(token, "/api/v1/hunting/templates"))
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(list.get("total").asLong()).isGreaterThanOrEqualTo(25);
    List<String> failures = new ArrayList<>();
    for (var template : list.get("items")) {
      assertThat(template.get("builtin").asBoolean()).isTrue();
      assertThat(template.get("tactics").size()).as(template.get("name").asString()).isPositive();
      var response =
          mvc.perform(
                  postJson(
                      token,
                      "/api/v1/hunting/query",
                      json.writeValueAsString(
                          java.util.Map.of("query", template.get("query").asString()))))
              .andReturn()
              .getResponse();
      if (response.getStatus() != 200) {
        failures.add(template.get("name").asString() + ": " + response.getContentAsString());
      }
    }
    assertThat(failures).isEmpty();
    long id = list.get("items").get(0).get("id").asLong();
    mvc.perform(
            authed(put("/api/v1/hunting/templates/" + id), token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"mine\", \"query\": \"x\"}"))
        .andExpect(status().isConflict())
        .andExpect(content().json("{\"code\": \"hunting.template_builtin\"}"));
    mvc.perform(authed(delete("/api/v1/hunting/templates/" + id), token))
        .andExpect(status().isConflict());
  }

  @Test
  void libraryTemplatesFindWhatTheyAreAbout() throws Exception {
    library.run(null);
    String[][] expectations = {
      {"Mimikatz 特征 Mimikatz", "e3"},
      {"编码的 PowerShell Encoded PowerShell", "e4"},
      {"蜜罐登录尝试 Honeypot login attempts", "e9 e8"},
      {"伪装的 svchost Masquerading svchost", "e1"},
      {"临时目录中运行的进程 Processes from temp folders", "e1 e7"},
    };
    var templates =
        json.readTree(
            mvc.perform(getAs(token, "/api/v1/hunting/templates"))
                .andReturn()
                .getResponse()
                .getContentAsString());
    for (String[] e : expectations) {
      String query = null;
      for (var t : templates.get("items")) {
        if (t.get("name").asString().equals(e[0])) {
          query = t.get("query").asString();
        }
      }
      assertThat(query).as(e[0]).isNotNull();
      var result =
          json.readTree(
              mvc.perform(
                      postJson(
                          token,
                          "/api/v1/hunting/query",
                          json.writeValueAsString(java.util.Map.of("query", query))))
                  .andReturn()
                  .getResponse()
                  .getContentAsString());
      List<String> ids = new ArrayList<>();
      result.get("items").forEach(i -> ids.add(i.get("event_id").asString()));
      assertThat(String.join(" ", ids)).as(e[0]).isEqualTo(e[1]);
    }
  }
}
