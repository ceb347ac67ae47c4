package io.hsystem.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import tools.jackson.databind.JsonNode;

class SessionLifecycleTest extends IntegrationTest {

  @Test
  void loginReturnsATwoHourAccessTokenAndARefreshToken() throws Exception {
    JsonNode tokens = loginResponse("analyst", PASSWORD);
    assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
    assertThat(tokens.get("expires_in").asLong()).isEqualTo(7200);
    assertThat(tokens.get("refresh_token").asString()).hasSizeGreaterThan(40);

    mvc.perform(getAs(tokens.get("access_token").asString(), "/api/v1/auth/me"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"id": %d, "username": "analyst", "display_name": null, "role": "analyst",
                     "permissions": [],
                     "effective_permissions": ["alerts:read", "alerts:write", "assets:read",
                        "assets:write", "hunting:read", "hunting:write", "intel:read",
                        "intel:write", "notifications:read", "rules:read", "rules:write",
                        "sensors:read", "vulnerabilities:read", "vulnerabilities:write"],
                     "enabled": true, "must_change_password": false, "locked": false,
                     "locked_until": null, "failed_logins": 0,
                     "last_login_at": "2025-08-27 06:00:00",
                     "created_at": "2025-08-27 06:00:00", "updated_at": "2025-08-27 06:00:00"}
                    """
                        .formatted(analystId),
                    JsonCompareMode.STRICT));
  }

  @Test
  void anAccessTokenExpiresAfterTwoHoursAndRefreshRotatesTheRefreshToken() throws Exception {
    JsonNode tokens = loginResponse("analyst", PASSWORD);
    String access = tokens.get("access_token").asString();
    String refresh = tokens.get("refresh_token").asString();

    clock.advance(Duration.ofMinutes(119));
    mvc.perform(getAs(access, "/api/v1/auth/me")).andExpect(status().isOk());
    clock.advance(Duration.ofMinutes(2));
    mvc.perform(getAs(access, "/api/v1/auth/me"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().json("{\"code\": \"unauthenticated\"}"));

    String renewed =
        refresh(refresh).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    JsonNode next = json.readTree(renewed);
    mvc.perform(getAs(next.get("access_token").asString(), "/api/v1/auth/me"))
        .andExpect(status().isOk());
    // the old refresh token was used up
    refresh(refresh)
        .andExpect(status().isUnauthorized())
        .andExpect(content().json("{\"code\": \"auth.invalid_refresh_token\"}"));
  }

  @Test
  void logoutEndsTheSessionForBothTokens() throws Exception {
    JsonNode tokens = loginResponse("analyst", PASSWORD);
    String access = tokens.get("access_token").asString();
    mvc.perform(authed(post("/api/v1/auth/logout"), access))
        .andExpect(status().isOk())
        .andExpect(content().json("{\"success\": true}", JsonCompareMode.STRICT));
    mvc.perform(getAs(access, "/api/v1/auth/me")).andExpect(status().isUnauthorized());
    refresh(tokens.get("refresh_token").asString()).andExpect(status().isUnauthorized());
  }

  @Test
  void changingTheOwnPasswordEndsOtherSessionsAndChecksThePolicy() throws Exception {
    String first = token("analyst");
    String second = token("analyst");
    mvc.perform(
            authed(put("/api/v1/auth/password"), second)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"current_password\": \"%s\", \"new_password\": \"short\"}"
                        .formatted(PASSWORD)))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .json(
                    "{\"code\": \"auth.weak_password\", \"errors\": [{\"field\": \"password\"}]}"));
    mvc.perform(
            authed(put("/api/v1/auth/password"), second)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"current_password\": \"nope\", \"new_password\": \"Brand-New-Pass-42\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"code\": \"auth.wrong_current_password\"}"));
    mvc.perform(
            authed(put("/api/v1/auth/password"), second)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"current_password\": \"%s\", \"new_password\": \"Brand-New-Pass-42\"}"
                        .formatted(PASSWORD)))
        .andExpect(status().isOk());
    mvc.perform(getAs(first, "/api/v1/auth/me")).andExpect(status().isUnauthorized());
    mvc.perform(getAs(second, "/api/v1/auth/me")).andExpect(status().isOk());
    assertThat(loginResponse("analyst", "Brand-New-Pass-42").has("access_token")).isTrue();
  }

  @Test
  void aTamperedOrForeignTokenIsRejected() throws Exception {
    String access = token("analyst");
    String[] parts = access.split("\\.");
    String forged =
        parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
    mvc.perform(getAs(forged, "/api/v1/auth/me")).andExpect(status().isUnauthorized());
    mvc.perform(getAs("not-a-jwt", "/api/v1/auth/me")).andExpect(status().isUnauthorized());
  }

  private org.springframework.test.web.servlet.ResultActions refresh(String token)
      throws Exception {
    return mvc.perform(
        post("/api/v1/auth/refresh")
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"refresh_token\": \"" + token + "\"}"));
  }
}
