package io.hsystem.assets;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

class AssetApiTest extends IntegrationTest {

  private static final String WIN_SERVER =
      """
      {"name": "WIN-SERVER-01", "ip": "192.168.1.101", "type": "server",
       "os": "Windows Server 2019", "tags": ["dc", "finance"]}
      """;

  @Test
  void theSeedsAssetListReturnsTotalAndItemsInSnakeCase() throws Exception {
    String token = token("analyst");
    mvc.perform(postJson(token, "/api/v1/assets", WIN_SERVER)).andExpect(status().isCreated());
    mvc.perform(
            postJson(
                token,
                "/api/v1/assets",
                """
                {"name": "web-01", "ip": "10.0.0.5", "type": "server", "os": "Ubuntu 22.04"}
                """))
        .andExpect(status().isCreated());

    mvc.perform(getAs(token, "/api/v1/assets?page=1&size=20"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"total": 2, "items": [
                      {"id": 1, "name": "WIN-SERVER-01", "ip": "192.168.1.101", "type": "server",
                       "os": "Windows Server 2019", "status": "unknown", "last_checkin": null,
                       "managed_by": "manual", "host_name": null, "description": null,
                       "tags": ["dc", "finance"], "created_at": "2025-08-27 06:00:00",
                       "updated_at": "2025-08-27 06:00:00"},
                      {"id": 2, "name": "web-01", "ip": "10.0.0.5", "type": "server",
                       "os": "Ubuntu 22.04", "status": "unknown", "last_checkin": null,
                       "managed_by": "manual", "host_name": null, "description": null,
                       "tags": [], "created_at": "2025-08-27 06:00:00",
                       "updated_at": "2025-08-27 06:00:00"}
                    ]}
                    """,
                    JsonCompareMode.STRICT));
  }

  @Test
  void pagingFilteringAndTextSearchNarrowTheList() throws Exception {
    String token = token("admin");
    for (int i = 1; i <= 25; i++) {
      String type = i % 5 == 0 ? "honeypot" : "workstation";
      mvc.perform(
              postJson(
                  token,
                  "/api/v1/assets",
                  "{\"name\": \"PC-%02d\", \"ip\": \"10.1.0.%d\", \"type\": \"%s\"}"
                      .formatted(i, i, type)))
          .andExpect(status().isCreated());
    }
    mvc.perform(getAs(token, "/api/v1/assets?page=2&size=10"))
        .andExpect(content().json("{\"total\": 25}"))
        .andExpect(
            result ->
                org.assertj.core.api.Assertions.assertThat(
                        json.readTree(result.getResponse().getContentAsString())
                            .get("items")
                            .get(0)
                            .get("name")
                            .asString())
                    .isEqualTo("PC-11"));
    mvc.perform(getAs(token, "/api/v1/assets?type=honeypot"))
        .andExpect(content().json("{\"total\": 5}"));
    mvc.perform(getAs(token, "/api/v1/assets?q=pc-2"))
        .andExpect(content().json("{\"total\": 6}")); // PC-20..PC-25
    mvc.perform(getAs(token, "/api/v1/assets?q=10.1.0.25"))
        .andExpect(content().json("{\"total\": 1}"));
    mvc.perform(getAs(token, "/api/v1/assets").param("q", "%"))
        .andExpect(content().json("{\"total\": 0}"));
    mvc.perform(getAs(token, "/api/v1/assets").param("q", "_"))
        .andExpect(content().json("{\"total\": 0}"));
  }

  @Test
  void agentAssetsAreOnlineWhileTheyCheckInAndOfflineAfterTheThreshold() throws Exception {
    String token = token("admin");
    mvc.perform(postJson(token, "/api/v1/assets", WIN_SERVER)).andExpect(status().isCreated());
    jdbc.update(
        "UPDATE assets SET managed_by = 'agent', last_checkin = ? WHERE id = 1",
        java.sql.Timestamp.from(START.minusSeconds(30)));

    mvc.perform(getAs(token, "/api/v1/assets/1"))
        .andExpect(content().json("{\"status\": \"online\"}"));
    mvc.perform(getAs(token, "/api/v1/assets?status=online"))
        .andExpect(content().json("{\"total\": 1}"));

    clock.advance(Duration.ofMinutes(6));
    token = token("admin");
    mvc.perform(getAs(token, "/api/v1/assets/1"))
        .andExpect(
            content().json("{\"status\": \"offline\", \"last_checkin\": \"2025-08-27 05:59:30\"}"));
    mvc.perform(getAs(token, "/api/v1/assets?status=online"))
        .andExpect(content().json("{\"total\": 0}"));
  }

  @Test
  void updateReplacesTheEditableFieldsAndDeleteRemovesTheAsset() throws Exception {
    String token = token("analyst");
    mvc.perform(postJson(token, "/api/v1/assets", WIN_SERVER)).andExpect(status().isCreated());
    clock.set(Instant.parse("2025-08-28T10:00:00Z"));
    token = token("analyst");
    mvc.perform(
            authed(put("/api/v1/assets/1"), token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"name": "WIN-SERVER-01", "ip": "192.168.1.102", "type": "server",
                     "os": "Windows Server 2022", "status": "online", "description": "DC"}
                    """))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"id": 1, "ip": "192.168.1.102", "os": "Windows Server 2022",
                     "status": "online", "description": "DC", "tags": [],
                     "created_at": "2025-08-27 06:00:00", "updated_at": "2025-08-28 10:00:00"}
                    """));
    mvc.perform(authed(delete("/api/v1/assets/1"), token)).andExpect(status().isNoContent());
    mvc.perform(getAs(token, "/api/v1/assets/1"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(content().json("{\"code\": \"asset.not_found\"}"));
    mvc.perform(authed(delete("/api/v1/assets/1"), token)).andExpect(status().isNotFound());
  }
}
