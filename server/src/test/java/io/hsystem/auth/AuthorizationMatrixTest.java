package io.hsystem.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.hsystem.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint × {no token, expired token, revoked token, auditor, analyst, admin}. The table
 * below is the intended access policy, written out by hand; the test also fails when an endpoint
 * exists that the table does not list.
 */
class AuthorizationMatrixTest extends IntegrationTest {

  private static final Set<String> ALL = Set.of("admin", "analyst", "auditor");
  private static final Set<String> ADMIN = Set.of("admin");
  private static final Set<String> ADMIN_AUDITOR = Set.of("admin", "auditor");
  private static final Set<String> ADMIN_ANALYST = Set.of("admin", "analyst");
  private static final Set<String> PUBLIC = Set.of();
  private static final Set<String> HUNTERS = Set.of("admin", "analyst");

  record Row(HttpMethod method, String pattern, String path, String body, Set<String> allowed) {
    boolean isPublic() {
      return allowed == PUBLIC;
    }
  }

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  private List<Row> table() {
    String newUser =
        "{\"username\": \"matrix-user\", \"password\": \"Another-Secret-77\", \"role\": \"analyst\"}";
    String asset = "{\"name\": \"m\", \"type\": \"server\"}";
    String vuln = "{\"cve_id\": \"CVE-2024-0001\", \"asset_id\": 1, \"cvss\": 5.0}";
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/auth/login",
            "/api/v1/auth/login",
            "{\"username\": \"nobody\", \"password\": \"x\"}",
            PUBLIC));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/auth/refresh",
            "/api/v1/auth/refresh",
            "{\"refresh_token\": \"x\"}",
            PUBLIC));
    rows.add(new Row(HttpMethod.GET, "/error", "/error", null, PUBLIC));
    rows.add(new Row(HttpMethod.POST, "/api/v1/auth/logout", "/api/v1/auth/logout", null, ALL));
    rows.add(new Row(HttpMethod.GET, "/api/v1/auth/me", "/api/v1/auth/me", null, ALL));
    rows.add(
        new Row(
            HttpMethod.PUT,
            "/api/v1/auth/password",
            "/api/v1/auth/password",
            "{\"current_password\": \"wrong\", \"new_password\": \"Whatever-Pass-1\"}",
            ALL));
    rows.add(new Row(HttpMethod.GET, "/api/v1/users", "/api/v1/users", null, ADMIN_AUDITOR));
    rows.add(new Row(HttpMethod.GET, "/api/v1/users/{id}", "/api/v1/users/2", null, ADMIN_AUDITOR));
    rows.add(new Row(HttpMethod.POST, "/api/v1/users", "/api/v1/users", newUser, ADMIN));
    rows.add(
        new Row(
            HttpMethod.PATCH,
            "/api/v1/users/{id}",
            "/api/v1/users/3",
            "{\"display_name\": \"Auditor\"}",
            ADMIN));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/users/{id}/password",
            "/api/v1/users/3/password",
            "{\"new_password\": \"short\"}",
            ADMIN));
    rows.add(
        new Row(
            HttpMethod.POST, "/api/v1/users/{id}/unlock", "/api/v1/users/3/unlock", null, ADMIN));
    rows.add(new Row(HttpMethod.GET, "/api/v1/audit", "/api/v1/audit", null, ADMIN_AUDITOR));
    rows.add(
        new Row(
            HttpMethod.GET, "/api/v1/audit/verify", "/api/v1/audit/verify", null, ADMIN_AUDITOR));
    rows.add(new Row(HttpMethod.GET, "/api/v1/assets", "/api/v1/assets", null, ALL));
    rows.add(new Row(HttpMethod.GET, "/api/v1/assets/{id}", "/api/v1/assets/1", null, ALL));
    rows.add(new Row(HttpMethod.POST, "/api/v1/assets", "/api/v1/assets", asset, ADMIN_ANALYST));
    rows.add(
        new Row(HttpMethod.PUT, "/api/v1/assets/{id}", "/api/v1/assets/1", asset, ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.DELETE, "/api/v1/assets/{id}", "/api/v1/assets/999", null, ADMIN_ANALYST));
    rows.add(
        new Row(HttpMethod.GET, "/api/v1/vulnerabilities", "/api/v1/vulnerabilities", null, ALL));
    rows.add(
        new Row(
            HttpMethod.GET,
            "/api/v1/vulnerabilities/{id}",
            "/api/v1/vulnerabilities/1",
            null,
            ALL));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/vulnerabilities",
            "/api/v1/vulnerabilities",
            vuln,
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.PUT,
            "/api/v1/vulnerabilities/{id}",
            "/api/v1/vulnerabilities/1",
            vuln,
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.PUT,
            "/api/v1/vulnerabilities/{id}/status",
            "/api/v1/vulnerabilities/1/status",
            "{\"status\": \"in_triage\", \"reason\": \"m\"}",
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.DELETE,
            "/api/v1/vulnerabilities/{id}",
            "/api/v1/vulnerabilities/999",
            null,
            ADMIN_ANALYST));
    String template =
        "{\"name\": \"m\", \"query\": \"process_name:x\", \"tactics\": [\"execution\"]}";
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/hunting/query",
            "/api/v1/hunting/query",
            "{\"query\": \"x\"}",
            ALL));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/hunting/aggregate",
            "/api/v1/hunting/aggregate",
            "{\"field\": \"host_name\"}",
            ALL));
    rows.add(
        new Row(
            HttpMethod.GET, "/api/v1/attackers/{ip}", "/api/v1/attackers/192.0.2.1", null, ALL));
    rows.add(
        new Row(
            HttpMethod.GET, "/api/v1/hunting/templates", "/api/v1/hunting/templates", null, ALL));
    rows.add(
        new Row(
            HttpMethod.GET,
            "/api/v1/hunting/templates/{id}",
            "/api/v1/hunting/templates/1",
            null,
            ALL));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/hunting/templates",
            "/api/v1/hunting/templates",
            template,
            HUNTERS));
    rows.add(
        new Row(
            HttpMethod.PUT,
            "/api/v1/hunting/templates/{id}",
            "/api/v1/hunting/templates/999",
            template,
            HUNTERS));
    rows.add(
        new Row(
            HttpMethod.DELETE,
            "/api/v1/hunting/templates/{id}",
            "/api/v1/hunting/templates/999",
            null,
            HUNTERS));
    rows.add(
        new Row(HttpMethod.POST, "/api/v1/ingest/events", "/api/v1/ingest/events", "[]", PUBLIC));
    rows.add(new Row(HttpMethod.GET, "/api/v1/ingest/keys", "/api/v1/ingest/keys", null, ADMIN));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/ingest/keys",
            "/api/v1/ingest/keys",
            "{\"name\": \"k\", \"source_type\": \"sysmon\"}",
            ADMIN));
    rows.add(
        new Row(
            HttpMethod.DELETE, "/api/v1/ingest/keys/{id}", "/api/v1/ingest/keys/999", null, ADMIN));
    // alerts: every role reads, admins and analysts handle
    rows.add(new Row(HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts", null, ALL));
    rows.add(
        new Row(HttpMethod.GET, "/api/v1/alerts/summary", "/api/v1/alerts/summary", null, ALL));
    rows.add(new Row(HttpMethod.GET, "/api/v1/alerts/{id}", "/api/v1/alerts/999", null, ALL));
    rows.add(
        new Row(
            HttpMethod.PUT,
            "/api/v1/alerts/{id}/handle",
            "/api/v1/alerts/999/handle",
            "{\"status\": \"handled\"}",
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/alerts/handle",
            "/api/v1/alerts/handle",
            "{\"ids\": [999], \"status\": \"handled\"}",
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.GET,
            "/api/v1/alerts/suppressions",
            "/api/v1/alerts/suppressions",
            null,
            ALL));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/alerts/suppressions",
            "/api/v1/alerts/suppressions",
            "{\"conditions\": {}, \"reason\": \"r\"}",
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/alerts/{id}/suppress",
            "/api/v1/alerts/999/suppress",
            "{\"fields\": [], \"reason\": \"r\"}",
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.DELETE,
            "/api/v1/alerts/suppressions/{id}",
            "/api/v1/alerts/suppressions/999",
            null,
            ADMIN_ANALYST));
    // rules: every role reads (and dry-runs), admins and analysts change
    rows.add(new Row(HttpMethod.GET, "/api/v1/rules", "/api/v1/rules", null, ALL));
    rows.add(
        new Row(HttpMethod.GET, "/api/v1/rules/unusable", "/api/v1/rules/unusable", null, ALL));
    rows.add(
        new Row(HttpMethod.GET, "/api/v1/rules/{id}", "/api/v1/rules/no-such-rule", null, ALL));
    rows.add(
        new Row(
            HttpMethod.PUT,
            "/api/v1/rules/{id}/enabled",
            "/api/v1/rules/no-such-rule/enabled",
            "{\"enabled\": false}",
            ADMIN_ANALYST));
    rows.add(new Row(HttpMethod.POST, "/api/v1/rules", "/api/v1/rules", "title: x", ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.PUT,
            "/api/v1/rules/{id}",
            "/api/v1/rules/no-such-rule",
            "title: x",
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.DELETE,
            "/api/v1/rules/{id}",
            "/api/v1/rules/no-such-rule",
            null,
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.POST, "/api/v1/rules/import", "/api/v1/rules/import", "x", ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/rules/dry-run",
            "/api/v1/rules/dry-run",
            "{\"yaml\": \"title: x\", \"query\": \"\"}",
            ALL));
    String ioc = "{\"value\": \"198.51.100.1\"}";
    rows.add(new Row(HttpMethod.GET, "/api/v1/intel/iocs", "/api/v1/intel/iocs", null, ALL));
    rows.add(new Row(HttpMethod.GET, "/api/v1/intel/iocs/{id}", "/api/v1/intel/iocs/1", null, ALL));
    rows.add(
        new Row(HttpMethod.POST, "/api/v1/intel/iocs", "/api/v1/intel/iocs", ioc, ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.PUT,
            "/api/v1/intel/iocs/{id}",
            "/api/v1/intel/iocs/999",
            ioc,
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.DELETE,
            "/api/v1/intel/iocs/{id}",
            "/api/v1/intel/iocs/999",
            null,
            ADMIN_ANALYST));
    rows.add(new Row(HttpMethod.GET, "/api/v1/intel/sources", "/api/v1/intel/sources", null, ALL));
    rows.add(
        new Row(
            HttpMethod.DELETE,
            "/api/v1/intel/sources/{source}",
            "/api/v1/intel/sources/matrix-feed",
            null,
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/intel/import",
            "/api/v1/intel/import?format=list&source=matrix-feed",
            "198.51.100.2",
            ADMIN_ANALYST));
    rows.add(
        new Row(
            HttpMethod.GET,
            "/api/v1/intel/lookup",
            "/api/v1/intel/lookup?value=198.51.100.1",
            null,
            ALL));
    String channel =
        "{\"name\": \"matrix\", \"type\": \"syslog\", \"settings\": {\"host\": \"127.0.0.1\"}}";
    rows.add(
        new Row(
            HttpMethod.GET,
            "/api/v1/notifications/channels",
            "/api/v1/notifications/channels",
            null,
            ALL));
    rows.add(
        new Row(
            HttpMethod.GET,
            "/api/v1/notifications/channels/stats",
            "/api/v1/notifications/channels/stats",
            null,
            ALL));
    rows.add(
        new Row(
            HttpMethod.GET,
            "/api/v1/notifications/channels/{id}",
            "/api/v1/notifications/channels/999",
            null,
            ALL));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/notifications/channels",
            "/api/v1/notifications/channels",
            channel,
            ADMIN));
    rows.add(
        new Row(
            HttpMethod.PUT,
            "/api/v1/notifications/channels/{id}",
            "/api/v1/notifications/channels/999",
            channel,
            ADMIN));
    rows.add(
        new Row(
            HttpMethod.DELETE,
            "/api/v1/notifications/channels/{id}",
            "/api/v1/notifications/channels/999",
            null,
            ADMIN));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/notifications/channels/{id}/test",
            "/api/v1/notifications/channels/999/test",
            null,
            ADMIN));
    String backup = "/api/v1/system/backups/hsystem-20250101T000000Z";
    rows.add(
        new Row(HttpMethod.GET, "/api/v1/system/backups", "/api/v1/system/backups", null, ADMIN));
    rows.add(
        new Row(HttpMethod.POST, "/api/v1/system/backups", "/api/v1/system/backups", null, ADMIN));
    rows.add(new Row(HttpMethod.GET, "/api/v1/system/backups/{id}", backup, null, ADMIN));
    rows.add(
        new Row(
            HttpMethod.GET,
            "/api/v1/system/backups/{id}/download",
            backup + "/download",
            null,
            ADMIN));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/system/backups/upload",
            "/api/v1/system/backups/upload",
            null,
            ADMIN));
    rows.add(new Row(HttpMethod.DELETE, "/api/v1/system/backups/{id}", backup, null, ADMIN));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/system/backups/{id}/restore",
            backup + "/restore",
            "{\"password\": \"" + io.hsystem.support.IntegrationTest.PASSWORD + "\"}",
            ADMIN));
    rows.add(
        new Row(HttpMethod.GET, "/api/v1/system/restore", "/api/v1/system/restore", null, ADMIN));
    rows.add(
        new Row(
            HttpMethod.DELETE, "/api/v1/system/restore", "/api/v1/system/restore", null, ADMIN));
    String update = "/api/v1/system/update";
    rows.add(new Row(HttpMethod.GET, update + "/check", update + "/check", null, ADMIN));
    rows.add(new Row(HttpMethod.GET, update + "/status", update + "/status", null, ADMIN));
    rows.add(new Row(HttpMethod.POST, update + "/upload", update + "/upload", null, ADMIN));
    rows.add(
        new Row(
            HttpMethod.POST,
            update + "/start",
            update + "/start",
            "{\"confirm_backup\": true, \"password\": \""
                + io.hsystem.support.IntegrationTest.PASSWORD
                + "\"}",
            ADMIN));
    rows.add(new Row(HttpMethod.GET, "/api/v1/system/status", "/api/v1/system/status", null, ALL));
    // sensors: every role reads, admins change; the gateway is not reachable on this port at all
    String uuid = "00000000-0000-0000-0000-000000000999";
    rows.add(new Row(HttpMethod.GET, "/api/v1/sensors", "/api/v1/sensors", null, ALL));
    rows.add(new Row(HttpMethod.GET, "/api/v1/sensors/{id}", "/api/v1/sensors/" + uuid, null, ALL));
    rows.add(
        new Row(
            HttpMethod.PUT,
            "/api/v1/sensors/{id}/config",
            "/api/v1/sensors/" + uuid + "/config",
            "{\"services\": []}",
            ADMIN));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/sensors/{id}/revoke",
            "/api/v1/sensors/" + uuid + "/revoke",
            null,
            ADMIN));
    rows.add(
        new Row(HttpMethod.DELETE, "/api/v1/sensors/{id}", "/api/v1/sensors/" + uuid, null, ADMIN));
    rows.add(
        new Row(
            HttpMethod.GET,
            "/api/v1/sensors/enrollment-tokens",
            "/api/v1/sensors/enrollment-tokens",
            null,
            ALL));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/sensors/enrollment-tokens",
            "/api/v1/sensors/enrollment-tokens",
            "{\"expires_in_minutes\": 5}",
            ADMIN));
    rows.add(
        new Row(
            HttpMethod.DELETE,
            "/api/v1/sensors/enrollment-tokens/{id}",
            "/api/v1/sensors/enrollment-tokens/999",
            null,
            ADMIN));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/sensor-gateway/enroll",
            "/api/v1/sensor-gateway/enroll",
            "{\"token\": \"x\"}",
            PUBLIC));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/sensor-gateway/events",
            "/api/v1/sensor-gateway/events",
            "{}",
            PUBLIC));
    rows.add(
        new Row(
            HttpMethod.POST,
            "/api/v1/sensor-gateway/heartbeat",
            "/api/v1/sensor-gateway/heartbeat",
            "{}",
            PUBLIC));
    return rows;
  }

  @Test
  void theTableListsEveryEndpoint() {
    Set<String> actual = new TreeSet<>();
    mapping
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              if (method.getBeanType().getPackageName().startsWith("io.hsystem")) {
                for (String pattern : info.getPatternValues()) {
                  var methods = info.getMethodsCondition().getMethods();
                  if (methods.isEmpty()) {
                    actual.add("GET " + pattern);
                  }
                  methods.forEach(m -> actual.add(m.name() + " " + pattern));
                }
              }
            });
    Set<String> listed = new TreeSet<>();
    table().forEach(r -> listed.add(r.method().name() + " " + r.pattern()));
    assertThat(listed).isEqualTo(actual);
  }

  @Test
  void everyEndpointAnswersEachCallerAsThePolicySays() throws Exception {
    String expired = token("admin");
    String revoked = token("admin");
    mvc.perform(authed(request(HttpMethod.POST, "/api/v1/auth/logout"), revoked));
    clock.advance(Duration.ofHours(2).plusMinutes(1));
    mvc.perform(
        postJson(token("admin"), "/api/v1/assets", "{\"name\": \"a\", \"type\": \"server\"}"));
    mvc.perform(
        postJson(
            token("admin"),
            "/api/v1/vulnerabilities",
            "{\"cve_id\": \"CVE-2024-0002\", \"asset_id\": 1, \"cvss\": 5.0}"));

    List<String> wrong = new ArrayList<>();
    for (Row row : table()) {
      check(wrong, row, "no token", null, row.isPublic() ? null : "unauthenticated");
      if (row.isPublic()) {
        continue;
      }
      check(wrong, row, "expired token", expired, "unauthenticated");
      check(wrong, row, "revoked token", revoked, "unauthenticated");
      for (String role : List.of("auditor", "analyst", "admin")) {
        // a fresh token each time: logout and password calls must not spoil later rows
        check(wrong, row, role, token(role), row.allowed().contains(role) ? null : "forbidden");
      }
    }
    assertThat(wrong).isEmpty();
  }

  /** {@code expectedCode} null means: authorised, so neither 401 nor 403. */
  private void check(List<String> wrong, Row row, String caller, String token, String expectedCode)
      throws Exception {
    var request = request(row.method(), row.path());
    if (token != null) {
      request = authed(request, token);
    }
    if (row.body() != null) {
      request = request.contentType(MediaType.APPLICATION_JSON).content(row.body());
    }
    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
    int status = response.getStatus();
    String code = null;
    if (response.getContentAsString().startsWith("{")) {
      JsonNode body = json.readTree(response.getContentAsString());
      code = body.has("code") ? body.get("code").asString() : null;
    }
    boolean ok;
    if (expectedCode == null) {
      ok = !"unauthenticated".equals(code) && !"forbidden".equals(code) && status != 403;
    } else {
      int expectedStatus = expectedCode.equals("unauthenticated") ? 401 : 403;
      ok = status == expectedStatus && expectedCode.equals(code);
    }
    if (!ok) {
      wrong.add(row.method() + " " + row.path() + " as " + caller + ": " + status + " " + code);
    }
  }
}
