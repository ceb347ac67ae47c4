package io.hsystem.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.hsystem.auth.Role;
import io.hsystem.auth.UserService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the API tests: the whole application on a real PostgreSQL (a fresh copy of the migrated
 * template), driven through MockMvc, with a clock the test controls. Every test starts from empty
 * tables and three users: {@code admin}, {@code analyst}, {@code auditor}.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestClockConfiguration.class)
public abstract class IntegrationTest {

  public static final String PASSWORD = "Correct-Horse-9";
  public static final String BACKUP_KEY = "test-backup-passphrase-0123";
  public static final Instant START = Instant.parse("2025-08-27T06:00:00Z");

  private static final TestDatabase.Database DATABASE = TestDatabase.create();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    Path dataDir = Files.createTempDirectory("hsystem-test-data");
    registry.add("hsystem.db.url", DATABASE::url);
    registry.add("hsystem.db.user", DATABASE::user);
    registry.add("hsystem.db.password", DATABASE::password);
    registry.add("hsystem.data-dir", dataDir::toString);
    registry.add("hsystem.auth.bcrypt-strength", () -> "4");
    registry.add("hsystem.auth.initial-admin-password", () -> PASSWORD);
    registry.add("hsystem.ingest.syslog-port", () -> "0");
    registry.add("hsystem.backup.key", () -> BACKUP_KEY);
  }

  @Autowired protected MockMvc mvc;
  @Autowired protected MutableClock clock;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected JsonMapper json;
  @Autowired protected UserService users;
  @Autowired private DataSource dataSource;
  @Autowired protected io.hsystem.eventstore.EventStore eventStore;
  @Autowired private io.hsystem.ingest.internal.AssetLinker assetLinker;
  @Autowired private io.hsystem.alerts.SuppressionService suppressions;
  @Autowired private io.hsystem.intel.IocMatcher indicators;

  protected long adminId;
  protected long analystId;
  protected long auditorId;

  @BeforeEach
  void resetState() {
    clock.set(START);
    jdbc.execute(
        (java.sql.Connection c) -> {
          try (var st = c.createStatement()) {
            // replica mode skips the append-only trigger: only the test reset may empty the log
            st.execute("SET session_replication_role = replica");
            // every table but Flyway's, so that a new module's tables are emptied too
            List<String> tables = new ArrayList<>();
            try (var rs =
                st.executeQuery(
                    "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname ="
                        + " current_schema() AND tablename <> 'flyway_schema_history'")) {
              while (rs.next()) {
                tables.add(rs.getString(1));
              }
            }
            st.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
            st.execute("SET session_replication_role = DEFAULT");
          }
          return null;
        });
    assetLinker.forget();
    suppressions.reload();
    indicators.refresh();
    eventStore.deleteBefore(Instant.parse("9999-01-01T00:00:00Z"));
    eventStore.refresh();
    adminId = createUser("admin", Role.ADMIN);
    analystId = createUser("analyst", Role.ANALYST);
    auditorId = createUser("auditor", Role.AUDITOR);
  }

  protected long createUser(String username, Role role) {
    return users
        .create(new UserService.NewUser(username, PASSWORD, role, Set.of(), null, false))
        .id();
  }

  /** Logs in through the API and returns the whole token response. */
  protected JsonNode loginResponse(String username, String password) throws Exception {
    String body =
        mvc.perform(
                post("/api/v1/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        json.writeValueAsString(
                            java.util.Map.of("username", username, "password", password))))
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body);
  }

  /** An access token of the user (password {@link #PASSWORD}). */
  protected String token(String username) throws Exception {
    JsonNode response = loginResponse(username, PASSWORD);
    if (!response.has("access_token")) {
      throw new AssertionError("login of " + username + " failed: " + response);
    }
    return response.get("access_token").asString();
  }

  protected static MockHttpServletRequestBuilder authed(
      MockHttpServletRequestBuilder request, String token) {
    return request.header("Authorization", "Bearer " + token);
  }

  protected MockHttpServletRequestBuilder getAs(String token, String url) {
    return authed(get(url), token);
  }

  protected MockHttpServletRequestBuilder postJson(String token, String url, String body) {
    return authed(post(url), token).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  protected DataSource dataSource() {
    return dataSource;
  }
}
