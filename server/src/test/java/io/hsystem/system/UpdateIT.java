package io.hsystem.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.ServerRestartIT;
import io.hsystem.support.ServerProcess;
import io.hsystem.system.internal.UpdatePackage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 7's update acceptance on the real jar under its launcher: tampered, unsigned, downgraded
 * and foreign packages are refused; an N+1 whose migration fails is rolled back to N with the data
 * intact and the error reported; an N+1 with a good migration is installed — check, start, progress
 * to done, the new version healthy and its migration applied — and every step audited.
 */
class UpdateIT {

  private static final String PASSWORD = "Update-Keeper-2026";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void refusedPackagesThenARolledBackUpdateThenAnInstalledOne() throws Exception {
    Path jar = Path.of(System.getProperty("hsystem.jar"));
    Path work = Files.createTempDirectory("hsystem-update-it");
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair otherKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    PrivateKey signer = keys.getPrivate();

    Path failing =
        variant(
            jar, work.resolve("n1-failing.jar"), "0.1.1", "SELECT * FROM no_such_table_at_all;");
    Path good =
        variant(
            jar,
            work.resolve("n2.jar"),
            "0.1.2",
            "CREATE TABLE update_it_marker (id int PRIMARY KEY);"
                + " INSERT INTO update_it_marker VALUES (42);");
    Path failingPackage = work.resolve("failing.hsu");
    UpdatePackage.build(failing, "v0.1.1", "breaks", Instant.now(), signer, failingPackage);
    Path goodPackage = work.resolve("good.hsu");
    UpdatePackage.build(good, "v0.1.2", "新功能与修复", Instant.now(), signer, goodPackage);

    Path dataDir = work.resolve("data");
    Map<String, String> env = new HashMap<>(ServerRestartIT.environmentFor(dataDir));
    env.put("HSYSTEM_LAUNCHER", "on");
    env.put("HSYSTEM_ADMIN_PASSWORD", PASSWORD);
    env.put("HSYSTEM_BACKUP_KEY", "update-it-backup-key-1234");
    env.put(
        "HSYSTEM_UPDATE_PUBLIC_KEY",
        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    env.put("HSYSTEM_UPDATE_HEALTH_TIMEOUT", "150s");
    int port = ServerProcess.freePort();
    Files.createDirectories(dataDir);
    try (ServerProcess server = ServerProcess.start(env, port, work.resolve("server.log"))) {
      server.awaitHealthy();
      String token = server.login("admin", PASSWORD);
      assertThat(
              server
                  .send(
                      "POST",
                      "/api/v1/assets",
                      token,
                      "{\"name\": \"keep-me\", \"type\": \"server\"}")
                  .statusCode())
          .isEqualTo(201);
      JsonNode check = json(server.send("GET", "/api/v1/system/update/check", token, null));
      assertThat(check.get("current_version").asString()).isEqualTo("v0.1.0");
      assertThat(check.get("target_version").isNull()).isTrue();

      // 3. refused packages, each with its reason; nothing is kept
      Path tampered = work.resolve("tampered.hsu");
      tamper(goodPackage, tampered);
      expectRefused(server, token, tampered, "update.tampered");
      Path unsigned = work.resolve("unsigned.hsu");
      withoutSignature(goodPackage, unsigned);
      expectRefused(server, token, unsigned, "update.unsigned");
      Path foreign = work.resolve("foreign.hsu");
      UpdatePackage.build(good, "v0.1.2", "", Instant.now(), otherKeys.getPrivate(), foreign);
      expectRefused(server, token, foreign, "update.bad_signature");
      Path downgrade = work.resolve("downgrade.hsu");
      UpdatePackage.build(jar, "v0.0.9", "", Instant.now(), signer, downgrade);
      expectRefused(server, token, downgrade, "update.not_newer");
      assertThat(
              json(server.send("GET", "/api/v1/system/update/check", token, null))
                  .get("target_version")
                  .isNull())
          .isTrue();

      // 5. confirmation enforced
      upload(server, token, failingPackage, 200);
      assertThat(
              server
                  .send(
                      "POST",
                      "/api/v1/system/update/start",
                      token,
                      "{\"password\": \"" + PASSWORD + "\"}")
                  .statusCode())
          .isEqualTo(400);
      HttpResponse<String> noPassword =
          server.send("POST", "/api/v1/system/update/start", token, "{\"confirm_backup\": true}");
      assertThat(noPassword.statusCode()).isEqualTo(400);
      assertThat(noPassword.body()).contains("update.confirmation_required");
      assertThat(
              server
                  .send(
                      "POST",
                      "/api/v1/system/update/start",
                      token,
                      "{\"confirm_backup\": true, \"password\": \"wrong-password-1\"}")
                  .statusCode())
          .isEqualTo(403);

      // 2. N+1 with a failing migration: rolled back to N, data intact, the error reported
      HttpResponse<String> started = start(server, token);
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      assertThat(json(started))
          .isEqualTo(ServerProcess.JSON.readTree("{\"progress\": 0, \"status\": \"downloading\"}"));
      JsonNode rolledBack = awaitStatus(port, token, "rolled_back");
      assertThat(rolledBack.get("error").asString()).contains("exited with code");
      JsonNode status = json(server.send("GET", "/api/v1/system/status", token, null));
      assertThat(status.get("version").asString()).isEqualTo("v0.1.0");
      String schemaBefore = status.get("schema_version").asString();
      assertThat(server.send("GET", "/api/v1/assets", token, null).body()).contains("keep-me");

      // 1. N+1 with a good migration: check, start, progress to done, healthy, migrated
      upload(server, token, goodPackage, 200);
      JsonNode offered = json(server.send("GET", "/api/v1/system/update/check", token, null));
      assertThat(offered.get("target_version").asString()).isEqualTo("v0.1.2");
      assertThat(offered.get("update_size").asString()).endsWith(" MB");
      assertThat(offered.get("release_notes").asString()).isEqualTo("新功能与修复");
      assertThat(start(server, token).statusCode()).isEqualTo(202);
      JsonNode done = awaitStatus(port, token, "done");
      assertThat(done.get("progress").asInt()).isEqualTo(100);
      JsonNode after = json(server.send("GET", "/api/v1/system/status", token, null));
      assertThat(after.get("version").asString()).isEqualTo("v0.1.2");
      assertThat(after.get("schema_version").asString()).isNotEqualTo(schemaBefore);
      assertThat(server.send("GET", "/actuator/health", null, null).body()).contains("\"UP\"");
      assertThat(server.send("GET", "/api/v1/assets", token, null).body()).contains("keep-me");
      String audit =
          server.send("GET", "/api/v1/audit?target_type=update&size=100", token, null).body();
      assertThat(audit)
          .contains("system.update.start")
          .contains("\"step\":\"download\"")
          .contains("\"step\":\"verify\"")
          .contains("\"step\":\"backup\"")
          .contains("\"step\":\"apply\"")
          .contains("\"step\":\"restart\"")
          .contains("system.update.rolled_back")
          .contains("system.update.applied");
    }
  }

  private static HttpResponse<String> start(ServerProcess server, String token) throws Exception {
    return server.send(
        "POST",
        "/api/v1/system/update/start",
        token,
        "{\"confirm_backup\": true, \"password\": \"" + PASSWORD + "\"}");
  }

  /** Polls the status through restarts (the socket is closed while the server restarts). */
  private static JsonNode awaitStatus(int port, String token, String wanted) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    String last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/system/update/status"))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        last = r.body();
        if (r.statusCode() == 200) {
          JsonNode node = ServerProcess.JSON.readTree(r.body());
          String status = node.path("status").asString();
          if (status.equals(wanted)) {
            return node;
          }
          if (status.equals("failed") || (status.equals("rolled_back") && !wanted.equals(status))) {
            throw new AssertionError("update ended " + status + ": " + r.body());
          }
        }
      } catch (java.io.IOException restarting) {
        // the server is restarting
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("update did not reach " + wanted + "; last status " + last);
  }

  private static void expectRefused(ServerProcess server, String token, Path file, String code)
      throws Exception {
    HttpResponse<String> r = upload(server, token, file, 400);
    assertThat(r.body()).contains(code);
  }

  private static HttpResponse<String> upload(
      ServerProcess server, String token, Path file, int expected) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + server.port() + "/api/v1/system/update/upload"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
    return r;
  }

  private static JsonNode json(HttpResponse<String> response) {
    return ServerProcess.JSON.readTree(response.body());
  }

  /** The real jar as another version with one more migration. */
  static Path variant(Path jar, Path target, String version, String migrationSql) throws Exception {
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.getName().equals("META-INF/build-info.properties")) {
          String text = new String(in.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
          ZipEntry replaced = new ZipEntry(entry.getName());
          out.putNextEntry(replaced);
          out.write(
              text.replaceAll("build.version=.*", "build.version=" + version)
                  .getBytes(StandardCharsets.UTF_8));
          out.closeEntry();
          continue;
        }
        ZipEntry copy = new ZipEntry(entry);
        if (copy.getMethod() == ZipEntry.DEFLATED) {
          copy.setCompressedSize(-1);
        }
        out.putNextEntry(copy);
        try (InputStream body = in.getInputStream(entry)) {
          body.transferTo(out);
        }
        out.closeEntry();
      }
      ZipEntry migration =
          new ZipEntry("BOOT-INF/classes/db/migration/V299912310000__update_it.sql");
      out.putNextEntry(migration);
      out.write(migrationSql.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return target;
  }

  /** The package with one byte of its jar changed (the signed manifest left as it was). */
  private static void tamper(Path source, Path target) throws Exception {
    rewrite(source, target, true, false);
  }

  private static void withoutSignature(Path source, Path target) throws Exception {
    rewrite(source, target, false, true);
  }

  private static void rewrite(Path source, Path target, boolean flipJar, boolean dropSignature)
      throws Exception {
    try (ZipFile in = new ZipFile(source.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (dropSignature && entry.getName().equals(UpdatePackage.SIGNATURE)) {
          continue;
        }
        byte[] bytes = in.getInputStream(entry).readAllBytes();
        if (flipJar && entry.getName().equals(UpdatePackage.SERVER_JAR)) {
          bytes[bytes.length / 2] ^= 1;
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(bytes);
        out.closeEntry();
      }
    }
  }
}
