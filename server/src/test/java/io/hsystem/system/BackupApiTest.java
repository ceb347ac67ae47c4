package io.hsystem.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.shared.DataDirectory;
import io.hsystem.support.IntegrationTest;
import io.hsystem.support.TestDatabase;
import io.hsystem.system.internal.BackupFile;
import io.hsystem.system.internal.DatabaseDump;
import io.hsystem.system.internal.PendingRestore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class BackupApiTest extends IntegrationTest {

  @Autowired BackupService backups;
  @Autowired DataDirectory data;

  @AfterEach
  void removeBackups() throws Exception {
    backups.cancelRestore();
    for (BackupInfo b : backups.list()) {
      backups.delete(b.id());
    }
  }

  @Test
  void backupRestoredIntoAnEmptyInstallationHasExactlyTheSameRowsAndKeys() throws Exception {
    seed();
    Map<String, String> before;
    try (Connection c = dataSource().getConnection()) {
      before = DatabaseDump.fingerprint(c);
    }
    BackupInfo info = backups.create("manual", "test");
    try (Connection c = dataSource().getConnection()) {
      assertThat(DatabaseDump.fingerprint(c)).isEqualTo(before);
    }
    assertThat(before.get("assets")).startsWith("2:");
    assertThat(before.get("audit_log")).doesNotStartWith("0:");

    byte[] file =
        mvc.perform(getAs(token("admin"), "/api/v1/system/backups/" + info.id() + "/download"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    assertThat(file).isEqualTo(Files.readAllBytes(backups.file(info.id())));

    // a new installation: a freshly migrated database with someone else's row in it, no keys
    TestDatabase.Database fresh = TestDatabase.create();
    Path freshData = Files.createTempDirectory("hsystem-restore-data");
    Path freshWork = Files.createTempDirectory("hsystem-restore-work");
    try (Connection c = DriverManager.getConnection(fresh.url(), fresh.user(), fresh.password())) {
      c.createStatement()
          .execute("INSERT INTO assets (name, type, status) VALUES ('other', 'server', 'online')");
      PendingRestore restore = new PendingRestore(freshData);
      restore.stage(new ByteArrayInputStream(file), BACKUP_KEY.toCharArray(), 1L << 30);
      restore.applyFiles(freshWork, DatabaseDump.schemaVersion(c));
      restore.applyDatabase(c);

      assertThat(DatabaseDump.fingerprint(c)).isEqualTo(before);
      assertThat(restore.exists()).isFalse();
    }
    try (var keys = Files.list(data.root().resolve("keys"))) {
      for (Path key : keys.toList()) {
        assertThat(freshData.resolve("keys").resolve(key.getFileName()))
            .as("key file %s", key.getFileName())
            .hasSameBinaryContentAs(key);
      }
    }
  }

  @Test
  void listCreateAndDeleteThroughTheApiAreAudited() throws Exception {
    String admin = token("admin");
    String body =
        mvc.perform(post("/api/v1/system/backups").header("Authorization", "Bearer " + admin))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.trigger").value("manual"))
            .andExpect(jsonPath("$.created_by").value("admin"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String id = json.readTree(body).get("id").asString();
    mvc.perform(getAs(admin, "/api/v1/system/backups"))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].id").value(id))
        .andExpect(jsonPath("$.items[0].schema_version").isNotEmpty());
    mvc.perform(delete("/api/v1/system/backups/" + id).header("Authorization", "Bearer " + admin))
        .andExpect(status().isNoContent());
    mvc.perform(getAs(admin, "/api/v1/system/backups/" + id))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.code").value("backup.not_found"));
    mvc.perform(getAs(admin, "/api/v1/system/backups/..%2F..%2Fetc%2Fpasswd"))
        .andExpect(status().is4xxClientError());
    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_log WHERE action LIKE 'system.backup.%' ORDER BY id",
                String.class))
        .containsExactly("system.backup.create", "system.backup.delete");
  }

  @Test
  void wrongKeyAndFlippedByteAreRefusedAndNothingIsKeptOrStaged() throws Exception {
    String admin = token("admin");
    BackupInfo info = backups.create("manual", "test");
    byte[] file = Files.readAllBytes(backups.file(info.id()));
    backups.delete(info.id());

    byte[] flipped = file.clone();
    flipped[file.length / 2] ^= 1;
    mvc.perform(upload(admin, flipped))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("backup.damaged"));

    ByteArrayOutputStream other = new ByteArrayOutputStream();
    try (OutputStream out =
        BackupFile.encrypt(other, "some-other-key-12345".toCharArray(), Map.of("id", info.id()))) {
      out.write("not ours".getBytes());
    }
    mvc.perform(upload(admin, other.toByteArray()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("backup.wrong_key"));
    mvc.perform(upload(admin, "hello".getBytes()))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("backup.not_a_backup"));
    assertThat(backups.list()).isEmpty();
    try (var left = Files.list(backups.folder())) {
      assertThat(left.toList()).isEmpty();
    }

    PendingRestore restore = new PendingRestore(Files.createTempDirectory("hsystem-restore"));
    assertThatThrownBy(
            () ->
                restore.stage(
                    new ByteArrayInputStream(flipped), BACKUP_KEY.toCharArray(), 1L << 30))
        .isInstanceOf(BackupFile.BackupFileException.class);
    assertThatThrownBy(
            () ->
                restore.stage(
                    new ByteArrayInputStream(file), "wrong-key-but-long".toCharArray(), 1L << 30))
        .isInstanceOfSatisfying(
            BackupFile.BackupFileException.class,
            e -> assertThat(e.failure()).isEqualTo(BackupFile.Failure.WRONG_KEY));
    assertThat(restore.exists()).isFalse();

    // the intact file uploads and is listed again
    mvc.perform(upload(admin, file))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").value(info.id()));
  }

  @Test
  void restoreIsStagedOnlyWithThePasswordAndCanBeCancelled() throws Exception {
    String admin = token("admin");
    BackupInfo info = backups.create("manual", "test");
    String url = "/api/v1/system/backups/" + info.id() + "/restore";
    mvc.perform(postJson(admin, url, "{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("backup.confirmation_required"));
    mvc.perform(postJson(admin, url, "{\"password\": \"not-my-password\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.code").value("backup.confirmation_failed"));
    mvc.perform(getAs(admin, "/api/v1/system/restore")).andExpect(status().isNoContent());

    mvc.perform(postJson(admin, url, "{\"password\": \"" + PASSWORD + "\"}"))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.status").value("staged"))
        .andExpect(jsonPath("$.backup_id").value(info.id()))
        .andExpect(jsonPath("$.restart_required").value(true));
    mvc.perform(getAs(admin, "/api/v1/system/restore"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.backup_id").value(info.id()));
    mvc.perform(delete("/api/v1/system/restore").header("Authorization", "Bearer " + admin))
        .andExpect(status().isNoContent());
    mvc.perform(getAs(admin, "/api/v1/system/restore")).andExpect(status().isNoContent());
    assertThat(
            jdbc.queryForList(
                "SELECT action || ':' || outcome FROM audit_log"
                    + " WHERE action LIKE 'system.backup.restore%' ORDER BY id",
                String.class))
        .containsExactly(
            "system.backup.restore_staged:failure",
            "system.backup.restore_staged:denied",
            "system.backup.restore_staged:success",
            "system.backup.restore_cancel:success");
  }

  @Test
  void aBackupOfAnotherSchemaVersionIsNotRestored() throws Exception {
    BackupInfo info = backups.create("manual", "test");
    TestDatabase.Database fresh = TestDatabase.create();
    try (Connection c = DriverManager.getConnection(fresh.url(), fresh.user(), fresh.password())) {
      c.createStatement()
          .execute(
              "UPDATE flyway_schema_history SET version = '999999999999'"
                  + " WHERE installed_rank = (SELECT max(installed_rank) FROM flyway_schema_history)");
      PendingRestore restore = new PendingRestore(Files.createTempDirectory("hsystem-restore"));
      restore.stage(
          Files.newInputStream(backups.file(info.id())), BACKUP_KEY.toCharArray(), 1L << 30);
      assertThatThrownBy(() -> restore.applyDatabase(c))
          .isInstanceOf(PendingRestore.SchemaMismatch.class)
          .hasMessageContaining("999999999999");
      assertThat(restore.exists()).isTrue();
      assertThat(DatabaseDump.fingerprint(c).get("users")).startsWith("0:");
    }
  }

  @Test
  void olderBackupsBeyondTheRetentionCountAreDeleted() {
    for (int i = 0; i < 9; i++) {
      clock.advance(Duration.ofMinutes(1));
      backups.create("scheduled", "system");
    }
    assertThat(backups.list()).hasSize(7);
    assertThat(backups.list().get(0).createdAt()).isEqualTo(clock.instant());
  }

  @Autowired BackupJobs jobs;

  @Test
  void theScheduledBackupIsWrittenAndAudited() {
    jobs.scheduled();
    assertThat(backups.list())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.trigger()).isEqualTo("scheduled");
              assertThat(b.createdBy()).isEqualTo("system");
            });
    assertThat(
            jdbc.queryForList(
                "SELECT actor_username || ':' || outcome FROM audit_log"
                    + " WHERE action = 'system.backup.create'",
                String.class))
        .containsExactly("system:success");
  }

  private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder upload(
      String token, byte[] bytes) {
    return post("/api/v1/system/backups/upload")
        .header("Authorization", "Bearer " + token)
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .content(bytes);
  }

  private void seed() throws Exception {
    String admin = token("admin");
    mvc.perform(postJson(admin, "/api/v1/assets", "{\"name\": \"web-01\", \"type\": \"server\"}"))
        .andExpect(status().isCreated());
    mvc.perform(
            postJson(
                admin,
                "/api/v1/assets",
                "{\"name\": \"db-01\", \"type\": \"server\", \"ip\": \"10.0.0.5\"}"))
        .andExpect(status().isCreated());
    mvc.perform(
            postJson(
                admin,
                "/api/v1/ingest/keys",
                "{\"name\": \"sysmon\", \"source_type\": \"sysmon\"}"))
        .andExpect(status().isCreated());
    mvc.perform(
            postJson(
                admin,
                "/api/v1/notifications/channels",
                "{\"name\": \"soc\", \"type\": \"webhook\", \"settings\": {\"url\":"
                    + " \"http://127.0.0.1:9/hook\", \"headers\": {\"Authorization\":"
                    + " \"Bearer s3cr3t-value\"}}}"))
        .andExpect(status().isCreated());
    token("analyst");
  }
}
