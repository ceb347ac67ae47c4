package io.hsystem.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.ServerRestartIT;
import io.hsystem.support.ServerProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A backup taken from one server process restores, at the start of a brand-new installation ({@code
 * HSYSTEM_RESTORE}), into exactly the same users, assets, keys and audit chain; a wrong key stops
 * the start before anything changes.
 */
class BackupRestoreIT {

  private static final String KEY = "it-backup-passphrase-2026";

  @Test
  void aNewInstallationStartsFromTheBackupAndAWrongKeyChangesNothing() throws Exception {
    Path first = Files.createTempDirectory("hsystem-backup-a");
    Map<String, String> env = new HashMap<>(ServerRestartIT.environmentFor(first));
    env.put("HSYSTEM_ADMIN_PASSWORD", "Original-Keeper-42");
    env.put("HSYSTEM_BACKUP_KEY", KEY);
    Path backupFile = Files.createTempFile("hsystem-it", ".hsb");
    String assetsBefore;
    String backupId;
    try (ServerProcess a =
        ServerProcess.start(env, ServerProcess.freePort(), first.resolve("a.log"))) {
      a.awaitHealthy();
      String token = a.login("admin", "Original-Keeper-42");
      for (String name : new String[] {"web-01", "db-01"}) {
        assertThat(
                a.send(
                        "POST",
                        "/api/v1/assets",
                        token,
                        "{\"name\": \"" + name + "\", \"type\": \"server\"}")
                    .statusCode())
            .isEqualTo(201);
      }
      assetsBefore = a.send("GET", "/api/v1/assets?sort=id", token, null).body();
      HttpResponse<String> created = a.send("POST", "/api/v1/system/backups", token, null);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      backupId = ServerProcess.JSON.readTree(created.body()).get("id").asString();
      Files.copy(
          first.resolve("backups").resolve(backupId + ".hsb"),
          backupFile,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    // a wrong key: the start stops with the reason, the new data folder gets no keys
    Path wrong = Files.createTempDirectory("hsystem-backup-wrong");
    Map<String, String> wrongEnv = new HashMap<>(ServerRestartIT.environmentFor(wrong));
    wrongEnv.put("HSYSTEM_BACKUP_KEY", "not-the-right-key-at-all");
    wrongEnv.put("HSYSTEM_RESTORE", backupFile.toString());
    try (ServerProcess c =
        ServerProcess.start(wrongEnv, ServerProcess.freePort(), wrong.resolve("c.log"))) {
      assertThat(c.process().waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(c.process().exitValue()).isNotZero();
      assertThat(c.log()).contains("does not open this backup");
      assertThat(wrong.resolve("restore").resolve("pending")).doesNotExist();
      assertThat(wrong.resolve("keys")).doesNotExist();
    }

    Path second = Files.createTempDirectory("hsystem-backup-b");
    Map<String, String> env2 = new HashMap<>(ServerRestartIT.environmentFor(second));
    env2.put("HSYSTEM_ADMIN_PASSWORD", "Another-Keeper-77");
    env2.put("HSYSTEM_BACKUP_KEY", KEY);
    env2.put("HSYSTEM_RESTORE", backupFile.toString());
    try (ServerProcess b =
        ServerProcess.start(env2, ServerProcess.freePort(), second.resolve("b.log"))) {
      b.awaitHealthy();
      String token = b.login("admin", "Original-Keeper-42");
      assertThat(b.send("GET", "/api/v1/assets?sort=id", token, null).body())
          .isEqualTo(assetsBefore);
      JsonNode verification =
          ServerProcess.JSON.readTree(b.send("GET", "/api/v1/audit/verify", token, null).body());
      assertThat(verification.toString()).contains("\"valid\":true");
      String audit =
          b.send("GET", "/api/v1/audit?action=system.backup.restore_applied", token, null).body();
      assertThat(audit).contains(backupId);
      assertThat(second.resolve("keys").resolve("jwt-hs256.key"))
          .hasSameBinaryContentAs(first.resolve("keys").resolve("jwt-hs256.key"));
      assertThat(
              b.send(
                      "POST",
                      "/api/v1/auth/login",
                      null,
                      "{\"username\": \"admin\", \"password\": \"Another-Keeper-77\"}")
                  .statusCode())
          .isEqualTo(401);
    }
  }
}
