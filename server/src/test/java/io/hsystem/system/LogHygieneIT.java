package io.hsystem.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.ServerRestartIT;
import io.hsystem.support.ServerProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code HSYSTEM_LOG_FORMAT=json} every log line is a JSON object, the log file rotates under
 * the data folder, and no password, API key or token ever reaches the logs — after logins (one
 * failed), an ingest key, and honeypot credentials arriving through ingest.
 */
class LogHygieneIT {

  @Test
  void jsonLogsHoldNoSecrets() throws Exception {
    Path dataDir = Files.createTempDirectory("hsystem-logs");
    Map<String, String> env = new HashMap<>(ServerRestartIT.environmentFor(dataDir));
    String adminPassword = "Keeper-Of-Logs-4711";
    String wrongPassword = "Typo-In-Password-99";
    String honeyPassword = "Honeypot-Guess-31337";
    env.put("HSYSTEM_ADMIN_PASSWORD", adminPassword);
    env.put("HSYSTEM_LOG_FORMAT", "json");
    env.put("HSYSTEM_BACKUP_KEY", "log-test-backup-key-123");
    String token;
    String apiKey;
    try (ServerProcess server =
        ServerProcess.start(env, ServerProcess.freePort(), dataDir.resolve("stdout.log"))) {
      server.awaitHealthy();
      HttpResponse<String> failed =
          server.send(
              "POST",
              "/api/v1/auth/login",
              null,
              "{\"username\": \"admin\", \"password\": \"" + wrongPassword + "\"}");
      assertThat(failed.statusCode()).isEqualTo(401);
      token = server.login("admin", adminPassword);
      HttpResponse<String> key =
          server.send(
              "POST",
              "/api/v1/ingest/keys",
              token,
              "{\"name\": \"logs\", \"source_type\": \"hsystem_sensor\"}");
      apiKey = ServerProcess.JSON.readTree(key.body()).get("api_key").asString();
      HttpResponse<String> ingested =
          server.send(
              "POST",
              "/api/v1/ingest/events",
              null,
              "[{\"event_time\": \"2026-12-03 10:00:00\", \"event_type\": \"login_attempt\","
                  + " \"service\": \"ssh\", \"src_ip\": \"203.0.113.50\", \"username\": \"root\","
                  + " \"password\": \""
                  + honeyPassword
                  + "\"}]",
              Map.of("X-API-Key", apiKey));
      assertThat(ingested.statusCode()).isEqualTo(200);
      assertThat(server.send("POST", "/api/v1/system/backups", token, null).statusCode())
          .isEqualTo(201);
      Thread.sleep(1500); // detection raises the honeypot alert and logs what it does
    }
    Path file = dataDir.resolve("logs").resolve("hsystem.log");
    assertThat(file).exists();
    for (Path log : List.of(file, dataDir.resolve("stdout.log"))) {
      List<String> lines = Files.readAllLines(log);
      assertThat(lines).as(log.toString()).isNotEmpty();
      String all = String.join("\n", lines);
      assertThat(all)
          .as("secrets in " + log)
          .doesNotContain(adminPassword)
          .doesNotContain(wrongPassword)
          .doesNotContain(honeyPassword)
          .doesNotContain(apiKey)
          .doesNotContain(token)
          .doesNotContain("log-test-backup-key-123");
      for (String line : lines) {
        if (line.startsWith("{")) {
          assertThat(ServerProcess.JSON.readTree(line).has("message")).as(line).isTrue();
        } else {
          // only the embedded PostgreSQL's own output is not ours to format
          assertThat(log.getFileName().toString()).isEqualTo("stdout.log");
        }
      }
      assertThat(lines.stream().filter(l -> l.startsWith("{")).count())
          .as("JSON lines in " + log)
          .isGreaterThan(10);
    }
  }
}
