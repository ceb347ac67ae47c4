package io.hsystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.support.ServerProcess;
import io.hsystem.support.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Starts the packaged jar the way the README does, as a child process: with nothing configured it
 * runs on an embedded PostgreSQL in its data folder; SIGTERM stops it cleanly; the next start finds
 * the data again. Under {@code HSYSTEM_TEST_DB_URL} the same runs against that server instead.
 */
public class ServerRestartIT {

  private static final Pattern INITIAL_PASSWORD = Pattern.compile("password '([^']+)'");

  /** Environment for a server on its own data folder (and own database when external). */
  public static Map<String, String> environmentFor(Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("HSYSTEM_DATA_DIR", dataDir.toString());
    env.put("HSYSTEM_INGEST_SYSLOG_PORT", "0");
    if (TestDatabase.external()) {
      TestDatabase.Database db = TestDatabase.createEmpty();
      env.put("HSYSTEM_DB_URL", db.url());
      env.put("HSYSTEM_DB_USER", db.user());
      env.put("HSYSTEM_DB_PASSWORD", db.password());
    }
    return env;
  }

  @Test
  void dataSurvivesARestartAndTheGeneratedAdminPasswordIsShownOnce() throws Exception {
    Path dataDir = Files.createTempDirectory("hsystem-restart");
    int port = ServerProcess.freePort();
    Map<String, String> env = environmentFor(dataDir);

    try (ServerProcess first = ServerProcess.start(env, port, dataDir.resolve("first.log"))) {
      first.awaitHealthy();
      Matcher m = INITIAL_PASSWORD.matcher(first.log());
      assertThat(m.find()).as("the generated admin password is printed").isTrue();
      String generated = m.group(1);
      String token = first.login("admin", generated);
      // a generated password must be changed before anything else
      assertThat(first.send("GET", "/api/v1/assets", token, null).statusCode()).isEqualTo(403);
      String password = "Chosen-After-Start-9";
      assertThat(
              first
                  .send(
                      "PUT",
                      "/api/v1/auth/password",
                      token,
                      "{\"current_password\": \""
                          + generated
                          + "\", \"new_password\": \""
                          + password
                          + "\"}")
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> created =
          first.send(
              "POST",
              "/api/v1/assets",
              token,
              "{\"name\": \"WIN-SERVER-01\", \"ip\": \"192.168.1.101\", \"type\": \"server\"}");
      assertThat(created.statusCode()).isEqualTo(201);

      first.process().destroy(); // SIGTERM
      assertThat(first.process().waitFor(60, TimeUnit.SECONDS))
          .as("stops within 60 s of SIGTERM")
          .isTrue();
      if (!TestDatabase.external()) {
        assertThat(first.log()).contains("embedded PostgreSQL stopped");
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
      }

      try (ServerProcess second = ServerProcess.start(env, port, dataDir.resolve("second.log"))) {
        second.awaitHealthy();
        assertThat(second.log()).doesNotContain("Initial administrator created");
        // the JWT key was kept in the data folder and the session in the database
        assertThat(second.send("GET", "/api/v1/auth/me", token, null).statusCode()).isEqualTo(200);
        token = second.login("admin", password);
        JsonNode body =
            ServerProcess.JSON.readTree(
                second.send("GET", "/api/v1/assets?page=1&size=20", token, null).body());
        assertThat(body.get("total").asLong()).isEqualTo(1);
        assertThat(body.get("items").get(0).get("name").asString()).isEqualTo("WIN-SERVER-01");
        assertThat(
                ServerProcess.JSON
                    .readTree(second.send("GET", "/api/v1/audit/verify", token, null).body())
                    .get("valid")
                    .asBoolean())
            .isTrue();
        second.process().destroy();
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
    }
  }
}
