package io.hsystem.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

class LoginLockoutTest extends IntegrationTest {

  private ResultActions login(String username, String password) throws Exception {
    return mvc.perform(
        post("/api/v1/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .content(json.writeValueAsString(Map.of("username", username, "password", password))));
  }

  @Test
  void sixWrongPasswordsLockTheAccountUntilTheUnlockTime() throws Exception {
    for (int i = 1; i <= 4; i++) {
      login("analyst", "wrong-" + i)
          .andExpect(status().isUnauthorized())
          .andExpect(content().json("{\"code\": \"auth.invalid_credentials\"}"));
    }
    String locked =
        """
        {"type": "urn:hsystem:problem:auth.account_locked",
         "title": "Too many failed logins: the account is locked", "status": 423,
         "detail": "too many failed logins: the account is locked until 2025-08-27 06:30:00 UTC",
         "instance": "/api/v1/auth/login", "code": "auth.account_locked",
         "locked_until": "2025-08-27 06:30:00"}
        """;
    // the fifth failure locks; the sixth is refused as locked
    login("analyst", "wrong-5").andExpect(status().is(423)).andExpect(content().json(locked));
    login("analyst", "wrong-6").andExpect(status().is(423)).andExpect(content().json(locked));

    // the right password is refused until the unlock time
    clock.advance(Duration.ofMinutes(29));
    login("analyst", PASSWORD).andExpect(status().is(423)).andExpect(content().json(locked));

    // visible to admins
    clock.advance(Duration.ofSeconds(30));
    mvc.perform(getAs(token("admin"), "/api/v1/users/" + analystId))
        .andExpect(
            content()
                .json(
                    "{\"username\": \"analyst\", \"locked\": true,"
                        + " \"locked_until\": \"2025-08-27 06:30:00\", \"failed_logins\": 5}"));

    clock.advance(Duration.ofSeconds(31));
    login("analyst", PASSWORD).andExpect(status().isOk());
    mvc.perform(getAs(token("admin"), "/api/v1/users/" + analystId))
        .andExpect(
            content().json("{\"locked\": false, \"locked_until\": null, \"failed_logins\": 0}"));

    // all of it is in the audit log, oldest first
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "SELECT outcome, details FROM audit_log WHERE action = 'auth.login'"
                + " AND actor_username = 'analyst' ORDER BY id");
    assertThat(rows)
        .extracting(r -> r.get("outcome"))
        .containsExactly(
            "failure", "failure", "failure", "failure", "failure", "denied", "denied", "success");
    assertThat(rows.get(5).get("details").toString()).contains("locked");
  }

  @Test
  void unknownUserNamesLockAlikeSoLockoutsRevealNothing() throws Exception {
    String unknown = null;
    String known = null;
    for (int i = 1; i <= 6; i++) {
      unknown = login("ghost", "wrong").andReturn().getResponse().getContentAsString();
      known = login("auditor", "wrong").andReturn().getResponse().getContentAsString();
    }
    var unknownBody = (tools.jackson.databind.node.ObjectNode) json.readTree(unknown);
    var knownBody = (tools.jackson.databind.node.ObjectNode) json.readTree(known);
    unknownBody.remove("request_id");
    knownBody.remove("request_id");
    assertThat(unknownBody).isEqualTo(knownBody);
    assertThat(unknown).contains("auth.account_locked");
  }

  @Test
  void disabledUsersGetTheSameAnswerAsAWrongPassword() throws Exception {
    mvc.perform(
            authed(
                    org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch(
                        "/api/v1/users/" + analystId),
                    token("admin"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"enabled\": false}"))
        .andExpect(status().isOk());
    login("analyst", PASSWORD)
        .andExpect(status().isUnauthorized())
        .andExpect(content().json("{\"code\": \"auth.invalid_credentials\"}"));
  }

  @Test
  void anAdminCanLiftALockEarly() throws Exception {
    for (int i = 0; i < 5; i++) {
      login("analyst", "wrong");
    }
    login("analyst", PASSWORD).andExpect(status().is(423));
    mvc.perform(authed(post("/api/v1/users/" + analystId + "/unlock"), token("admin")))
        .andExpect(status().isOk());
    login("analyst", PASSWORD).andExpect(status().isOk());
  }
}
