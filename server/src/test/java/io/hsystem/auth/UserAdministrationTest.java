package io.hsystem.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

class UserAdministrationTest extends IntegrationTest {

  private ResultActions patchUser(String token, long id, String body) throws Exception {
    return mvc.perform(
        authed(patch("/api/v1/users/" + id), token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  @Test
  void anAdminCreatesAUserWhoCanLogIn() throws Exception {
    mvc.perform(
            postJson(
                token("admin"),
                "/api/v1/users",
                """
                {"username": "li.wei", "password": "Strong-Pass-2025", "role": "analyst",
                 "display_name": "李伟", "permissions": ["audit:read"]}
                """))
        .andExpect(status().isCreated())
        .andExpect(
            content()
                .json(
                    """
                    {"username": "li.wei", "display_name": "李伟", "role": "analyst",
                     "permissions": ["audit:read"], "enabled": true}
                    """));
    String token = loginResponse("li.wei", "Strong-Pass-2025").get("access_token").asString();
    // the extra permission works on top of the role
    mvc.perform(getAs(token, "/api/v1/audit")).andExpect(status().isOk());
    mvc.perform(getAs(token, "/api/v1/users")).andExpect(status().isForbidden());
  }

  @Test
  void weakPasswordsDuplicateNamesAndUnknownPermissionsAreRefused() throws Exception {
    String admin = token("admin");
    mvc.perform(
            postJson(
                admin,
                "/api/v1/users",
                "{\"username\": \"bob\", \"password\": \"password\", \"role\": \"analyst\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"auth.weak_password\"}"));
    mvc.perform(
            postJson(
                admin,
                "/api/v1/users",
                "{\"username\": \"bob\", \"password\": \"Bob-Is-Great-1\", \"role\": \"analyst\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .json(
                    "{\"errors\": [{\"field\": \"password\", \"message\": \"needs must not contain the user name\"}]}"));
    mvc.perform(
            postJson(
                admin,
                "/api/v1/users",
                "{\"username\": \"ANALYST\", \"password\": \"Strong-Pass-2025\", \"role\": \"analyst\"}"))
        .andExpect(status().isConflict())
        .andExpect(content().json("{\"code\": \"user.username_taken\"}"));
    mvc.perform(
            postJson(
                admin,
                "/api/v1/users",
                "{\"username\": \"carol\", \"password\": \"Strong-Pass-2025\", \"role\": \"root\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"errors\": [{\"field\": \"role\"}]}"));
    mvc.perform(
            postJson(
                admin,
                "/api/v1/users",
                "{\"username\": \"carol\", \"password\": \"Strong-Pass-2025\", \"role\": \"analyst\", \"permissions\": [\"*\"]}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"errors\": [{\"field\": \"permissions\"}]}"));
    mvc.perform(
            postJson(
                admin,
                "/api/v1/users",
                "{\"username\": \"a b\", \"password\": \"Strong-Pass-2025\", \"role\": \"analyst\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"errors\": [{\"field\": \"username\"}]}"));
  }

  @Test
  void changingTheRoleAppliesToTheNextRequestAndIsAudited() throws Exception {
    String analyst = token("analyst");
    mvc.perform(getAs(analyst, "/api/v1/audit")).andExpect(status().isForbidden());
    patchUser(token("admin"), analystId, "{\"role\": \"auditor\"}")
        .andExpect(status().isOk())
        .andExpect(content().json("{\"role\": \"auditor\"}"));
    mvc.perform(getAs(analyst, "/api/v1/audit?action=user.update"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"items": [{"action": "user.update", "actor_username": "admin",
                      "target_type": "user", "target_id": "%d",
                      "details": {"role_from": "analyst", "role_to": "auditor"}}]}
                    """
                        .formatted(analystId)));
  }

  @Test
  void disablingAUserEndsTheirSessionsAtOnce() throws Exception {
    String analyst = token("analyst");
    patchUser(token("admin"), analystId, "{\"enabled\": false}").andExpect(status().isOk());
    mvc.perform(getAs(analyst, "/api/v1/assets")).andExpect(status().isUnauthorized());
  }

  @Test
  void nobodyDisablesThemselvesAndTheLastAdminStays() throws Exception {
    String admin = token("admin");
    patchUser(admin, adminId, "{\"enabled\": false}")
        .andExpect(status().isConflict())
        .andExpect(content().json("{\"code\": \"user.self_change\"}"));
    long second = createUser("admin2", Role.ADMIN);
    String admin2 = token("admin2");
    patchUser(admin2, adminId, "{\"role\": \"analyst\"}").andExpect(status().isOk());
    patchUser(token("admin"), second, "{\"enabled\": false}").andExpect(status().isForbidden());
    assertThat(users.get(second).enabled()).isTrue();
  }

  @Test
  void aPasswordResetSignsTheUserOutAndRequiresAChange() throws Exception {
    String analyst = token("analyst");
    mvc.perform(
            postJson(
                token("admin"),
                "/api/v1/users/" + analystId + "/password",
                "{\"new_password\": \"Temporary-Pass-77\"}"))
        .andExpect(status().isOk());
    mvc.perform(getAs(analyst, "/api/v1/assets")).andExpect(status().isUnauthorized());
    var tokens = loginResponse("analyst", "Temporary-Pass-77");
    assertThat(tokens.get("must_change_password").asBoolean()).isTrue();
    String temporary = tokens.get("access_token").asString();
    mvc.perform(getAs(temporary, "/api/v1/assets"))
        .andExpect(status().isForbidden())
        .andExpect(content().json("{\"code\": \"password_change_required\"}"));
    mvc.perform(getAs(temporary, "/api/v1/auth/me")).andExpect(status().isOk());
    mvc.perform(
            authed(
                    org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                        "/api/v1/auth/password"),
                    temporary)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"current_password\": \"Temporary-Pass-77\", \"new_password\": \"Chosen-By-Me-2025\"}"))
        .andExpect(status().isOk());
    mvc.perform(getAs(temporary, "/api/v1/assets")).andExpect(status().isOk());
  }

  @Test
  void theUserListNeverShowsPasswordHashes() throws Exception {
    String body =
        mvc.perform(getAs(token("auditor"), "/api/v1/users?page=1&size=10"))
            .andExpect(status().isOk())
            .andExpect(content().json("{\"total\": 3}"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body)
        .doesNotContain("password_hash")
        .doesNotContain("$2a$")
        .doesNotContain("bcrypt");
  }
}
