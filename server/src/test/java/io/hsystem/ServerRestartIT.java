package io.hsystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.support.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the packaged jar the way the README does, as a child process: with nothing configured it
 * runs on an embedded PostgreSQL in its data folder; SIGTERM stops it cleanly; the next start finds
 * the data again. Under {@code HSYSTEM_TEST_DB_URL} the same runs against that server instead.
 */
class ServerRestartIT {

  private static final Pattern INITIAL_PASSWORD = Pattern.compile("password '([^']+)'");
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void dataSurvivesARestartAndTheGeneratedAdminPasswordIsShownOnce() throws Exception {
    Path dataDir = Files.createTempDirectory("hsystem-restart");
    int port = freePort();
    Map<String, String> env = new java.util.HashMap<>();
    env.put("HSYSTEM_DATA_DIR", dataDir.toString());
    env.put("HSYSTEM_PORT", Integer.toString(port));
    if (TestDatabase.external()) {
      TestDatabase.Database db = TestDatabase.createEmpty();
      env.put("HSYSTEM_DB_URL", db.url());
      env.put("HSYSTEM_DB_USER", db.user());
      env.put("HSYSTEM_DB_PASSWORD", db.password());
    }

    Path firstLog = dataDir.resolve("first.log");
    Process first = start(env, firstLog);
    awaitHealthy(port, first, firstLog);
    Matcher m = INITIAL_PASSWORD.matcher(Files.readString(firstLog));
    assertThat(m.find()).as("the generated admin password is printed").isTrue();
    String password = m.group(1);

    String token = login(port, password);
    HttpResponse<String> created =
        send(
            port,
            "POST",
            "/api/v1/assets",
            token,
            "{\"name\": \"WIN-SERVER-01\", \"ip\": \"192.168.1.101\", \"type\": \"server\"}");
    assertThat(created.statusCode()).isEqualTo(201);

    first.destroy(); // SIGTERM
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stops within 60 s of SIGTERM").isTrue();
    if (!TestDatabase.external()) {
      assertThat(Files.readString(firstLog)).contains("embedded PostgreSQL stopped");
      assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    Path secondLog = dataDir.resolve("second.log");
    Process second = start(env, secondLog);
    awaitHealthy(port, second, secondLog);
    assertThat(Files.readString(secondLog)).doesNotContain("Initial administrator created");
    // the JWT key was kept in the data folder and the session in the database
    assertThat(send(port, "GET", "/api/v1/auth/me", token, null).statusCode()).isEqualTo(200);
    token = login(port, password);
    HttpResponse<String> list = send(port, "GET", "/api/v1/assets?page=1&size=20", token, null);
    JsonNode body = json.readTree(list.body());
    assertThat(body.get("total").asLong()).isEqualTo(1);
    assertThat(body.get("items").get(0).get("name").asString()).isEqualTo("WIN-SERVER-01");
    HttpResponse<String> audit = send(port, "GET", "/api/v1/audit/verify", token, null);
    assertThat(json.readTree(audit.body()).get("valid").asBoolean()).isTrue();

    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  private Process start(Map<String, String> env, Path log) throws IOException {
    String jar = System.getProperty("hsystem.jar");
    assertThat(jar).as("failsafe passes the packaged jar's path").isNotNull();
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(java, "-Xmx512m", "-jar", jar)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("HSYSTEM_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private void awaitHealthy(int port, Process process, Path log) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited: " + Files.readString(log));
      }
      try {
        HttpResponse<String> health = send(port, "GET", "/actuator/health", null, null);
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("server not healthy within 120 s: " + Files.readString(log));
  }

  private String login(int port, String password) throws Exception {
    HttpResponse<String> response =
        send(
            port,
            "POST",
            "/api/v1/auth/login",
            null,
            json.writeValueAsString(Map.of("username", "admin", "password", password)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body()).get("access_token").asString();
  }

  private HttpResponse<String> send(int port, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
