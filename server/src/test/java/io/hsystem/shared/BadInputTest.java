package io.hsystem.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

/** Bad input anywhere gets a 4xx problem naming what is wrong, never a 500, and changes nothing. */
class BadInputTest extends IntegrationTest {

  @Test
  void pageAndSizeOutOfRangeAreRefusedWithTheWholeProblemBody() throws Exception {
    String token = token("analyst");
    mvc.perform(getAs(token, "/api/v1/assets?page=1&size=201").header("X-Request-Id", "req-42"))
        .andExpect(status().isBadRequest())
        .andExpect(header().string("X-Request-Id", "req-42"))
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            content()
                .json(
                    """
                    {"type": "urn:hsystem:problem:validation_failed", "title": "The request is invalid",
                     "status": 400, "detail": "size: must be between 1 and 200",
                     "instance": "/api/v1/assets", "code": "validation_failed", "request_id": "req-42",
                     "errors": [{"field": "size", "message": "must be between 1 and 200"}]}
                    """,
                    JsonCompareMode.STRICT));
    mvc.perform(getAs(token, "/api/v1/assets?page=0")).andExpect(status().isBadRequest());
    mvc.perform(getAs(token, "/api/v1/assets?page=x"))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .json(
                    "{\"errors\": [{\"field\": \"page\", \"message\": \"must be an integer\"}]}"));
    mvc.perform(getAs(token, "/api/v1/assets?type=laptop"))
        .andExpect(content().json("{\"errors\": [{\"field\": \"type\"}]}"));
  }

  @Test
  void malformedIdsAndUnknownPathsAnswer400And404() throws Exception {
    String token = token("analyst");
    mvc.perform(getAs(token, "/api/v1/assets/1abc"))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .json("{\"errors\": [{\"field\": \"id\", \"message\": \"must be an integer\"}]}"));
    mvc.perform(getAs(token, "/api/v1/assets/99999999999999999999"))
        .andExpect(status().isBadRequest());
    mvc.perform(getAs(token, "/api/v1/vulnerabilities/77"))
        .andExpect(status().isNotFound())
        .andExpect(
            content()
                .json(
                    "{\"code\": \"vulnerability.not_found\", \"detail\": \"no vulnerability with id 77\"}"));
    mvc.perform(getAs(token, "/api/v1/no-such-thing"))
        .andExpect(status().isNotFound())
        .andExpect(content().json("{\"code\": \"not_found\"}"));
  }

  @Test
  void wrongTypesUnknownEnumsAndBrokenJsonNameTheField() throws Exception {
    String token = token("analyst");
    mvc.perform(
            postJson(
                token,
                "/api/v1/assets",
                "{\"name\": \"a\", \"type\": \"server\", \"tags\": \"x\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .json("{\"errors\": [{\"field\": \"tags\", \"message\": \"must be an array\"}]}"));
    mvc.perform(
            postJson(
                token,
                "/api/v1/assets",
                "{\"name\": \"a\", \"type\": \"server\", \"ip\": \"999.1.1.1\"}"))
        .andExpect(content().json("{\"errors\": [{\"field\": \"ip\"}]}"));
    mvc.perform(
            postJson(
                token,
                "/api/v1/assets",
                "{\"name\": \"a\", \"type\": \"server\", \"ip\": \"evil.example.com\"}"))
        .andExpect(content().json("{\"errors\": [{\"field\": \"ip\"}]}"));
    mvc.perform(postJson(token, "/api/v1/assets", "{\"name\": \"a\", \"type\": \"spaceship\"}"))
        .andExpect(content().json("{\"errors\": [{\"field\": \"type\"}]}"));
    mvc.perform(postJson(token, "/api/v1/assets", "{\"name\": "))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"malformed_body\"}"));
    mvc.perform(postJson(token, "/api/v1/assets", ""))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"malformed_body\"}"));
    mvc.perform(postJson(token, "/api/v1/assets", "[1, 2]")).andExpect(status().isBadRequest());
    mvc.perform(
            postJson(
                token,
                "/api/v1/assets",
                "{\"name\": \"" + "n".repeat(300) + "\", \"type\": \"server\"}"))
        .andExpect(content().json("{\"errors\": [{\"field\": \"name\"}]}"));
    assertThat(jdbc.queryForObject("SELECT count(*) FROM assets", Long.class)).isZero();
  }

  @Test
  void oversizedBodiesAre413AndOtherMediaTypes415AndOtherMethods405() throws Exception {
    String token = token("analyst");
    String huge =
        "{\"name\": \"a\", \"type\": \"server\", \"description\": \""
            + "x".repeat(1_100_000)
            + "\"}";
    mvc.perform(postJson(token, "/api/v1/assets", huge))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().json("{\"code\": \"payload_too_large\"}"));
    mvc.perform(
            authed(post("/api/v1/assets"), token)
                .contentType(MediaType.TEXT_PLAIN)
                .content("name=a"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().json("{\"code\": \"unsupported_media_type\"}"));
    mvc.perform(authed(delete("/api/v1/assets"), token))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(content().json("{\"code\": \"method_not_allowed\"}"));
    mvc.perform(
            authed(put("/api/v1/assets/1"), token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isBadRequest());
    assertThat(jdbc.queryForObject("SELECT count(*) FROM assets", Long.class)).isZero();
  }

  @Test
  void attackerStyleStringsAreStoredAndReturnedAsPlainData() throws Exception {
    String token = token("analyst");
    String evil = "<img src=x onerror=alert(1)>'; DROP TABLE assets; --";
    mvc.perform(
            postJson(
                token,
                "/api/v1/assets",
                json.writeValueAsString(java.util.Map.of("name", evil, "type", "server"))))
        .andExpect(status().isCreated());
    mvc.perform(getAs(token, "/api/v1/assets").param("q", "DROP TABLE"))
        .andExpect(
            content()
                .json(
                    "{\"total\": 1, \"items\": [{\"name\": "
                        + json.writeValueAsString(evil)
                        + "}]}"));
  }

  @Test
  void theOpenApiDocumentDescribesTheApi() throws Exception {
    String doc =
        mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                    "/api/v1/openapi.json"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    var tree = json.readTree(doc);
    assertThat(tree.get("info").get("title").asString()).isEqualTo("H-System API");
    assertThat(tree.get("paths").has("/api/v1/assets")).isTrue();
    assertThat(tree.get("paths").has("/api/v1/vulnerabilities/{id}")).isTrue();
    assertThat(tree.get("paths").has("/api/v1/audit/verify")).isTrue();
  }
}
