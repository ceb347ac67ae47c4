package io.hsystem.system;

import io.hsystem.audit.AuditEntry;
import io.hsystem.audit.AuditLog;
import io.hsystem.audit.AuditOutcome;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.DataDirectory;
import io.hsystem.system.internal.UpdatePackage;
import io.hsystem.system.internal.UpdateState;
import io.hsystem.system.internal.Versions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Verified updates with rollback (issue 7, spec §5.2): check (an uploaded package or the update
 * server's signed manifest), start — download, verify, back up, apply, restart — and the status of
 * each step. The launcher restarts into the new version and rolls it back when it does not come up
 * healthy; the version that comes up records the outcome (ADR 014).
 */
@Service
public class UpdateService {

  private static final Logger log = LoggerFactory.getLogger(UpdateService.class);
  private static final Set<String> RUNNING =
      Set.of("downloading", "verifying", "backing_up", "applying", "restarting");
  private static final long MAX_PACKAGE_BYTES = 2L * 1024 * 1024 * 1024;

  private final UpdateProperties properties;
  private final BackupService backups;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final UpdateState state;
  private final Path dataDir;
  private final String currentVersion;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  UpdateService(
      UpdateProperties properties,
      BackupService backups,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock,
      DataDirectory data,
      ObjectProvider<BuildProperties> build) {
    this.properties = properties;
    this.backups = backups;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
    this.dataDir = data.root();
    this.state = new UpdateState(data.root());
    BuildProperties info = build.getIfAvailable();
    this.currentVersion = Versions.display(info == null ? "0.0.0-dev" : info.getVersion());
  }

  public String currentVersion() {
    return currentVersion;
  }

  /** The newest update available: an uploaded package first, else the update server's. */
  public UpdateCheck check() {
    PublicKey key = trustedKey();
    Path uploaded = uploadedPackage();
    try {
      if (Files.exists(uploaded)) {
        UpdatePackage.Manifest manifest = manifestOfPackage(uploaded, key);
        if (manifest != null) {
          return found(manifest, "upload");
        }
      }
      if (properties.url() != null) {
        return found(fetchManifest(key), "url");
      }
    } catch (UpdatePackage.RefusedException e) {
      throw problem(e);
    }
    return new UpdateCheck(currentVersion, null, 0, null, null, null);
  }

  /**
   * Keeps an uploaded package after verifying it completely (signature, product, version, the jar's
   * hash); a refused package is deleted and nothing else changes.
   */
  public UpdateCheck upload(InputStream body) {
    PublicKey key = trustedKey();
    Path temp = state.dir().resolve("upload-" + UUID.randomUUID() + ".partial");
    Path jar = state.dir().resolve("upload-" + UUID.randomUUID() + ".jar");
    try {
      Files.createDirectories(state.dir());
      try (OutputStream out = Files.newOutputStream(temp)) {
        new io.hsystem.shared.CappedInputStream(body, MAX_PACKAGE_BYTES).transferTo(out);
      }
      UpdatePackage.Manifest manifest = UpdatePackage.verifyPackage(temp, key, currentVersion, jar);
      Files.move(temp, uploadedPackage(), StandardCopyOption.REPLACE_EXISTING);
      return found(manifest, "upload");
    } catch (UpdatePackage.RefusedException e) {
      throw problem(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(temp);
      deleteQuietly(jar);
    }
  }

  /**
   * Starts installing the available update; answers at once, the steps run in the background.
   *
   * @param confirmBackup the caller confirmed that a backup is taken first (it always is)
   */
  public synchronized Map<String, Object> start(boolean confirmBackup, String actor, Long actorId) {
    if (!confirmBackup) {
      throw new ApiException(
          UpdateProblem.CONFIRM_BACKUP_REQUIRED,
          "confirm_backup: must be true — the update backs up the data before it applies");
    }
    if (RUNNING.contains(String.valueOf(state.read().get("status")))) {
      throw new ApiException(UpdateProblem.IN_PROGRESS, "an update is already running");
    }
    if (System.getenv(Launcher.LAUNCHED_BY) == null) {
      throw new ApiException(
          UpdateProblem.NO_LAUNCHER,
          "start the server with `java -jar hsystem-server.jar` (its launcher) or its systemd unit");
    }
    if (!backups.keyConfigured()) {
      throw new ApiException(
          BackupProblem.KEY_MISSING, "an update backs up first: set HSYSTEM_BACKUP_KEY");
    }
    UpdateCheck check = check();
    if (check.targetVersion() == null) {
      throw new ApiException(UpdateProblem.NO_UPDATE, "no newer version is available");
    }
    Map<String, Object> initial = new LinkedHashMap<>();
    initial.put("status", "downloading");
    initial.put("progress", 0);
    initial.put("from_version", currentVersion);
    initial.put("to_version", check.targetVersion());
    initial.put("source", check.source());
    initial.put("started_by", actor);
    initial.put("started_at", clock.instant().toString());
    initial.put("error", null);
    state.write(initial);
    publish(initial);
    Thread worker = new Thread(() -> runSteps(check, actor, actorId), "update");
    worker.setDaemon(true);
    worker.start();
    return Map.of("progress", 0, "status", "downloading");
  }

  /** The update's state: {@code status}, {@code progress}, versions, {@code error}. */
  public Map<String, Object> status() {
    Map<String, Object> current = state.read();
    if (current.isEmpty()) {
      current.put("status", "idle");
      current.put("progress", 0);
    }
    Map<String, Object> shown = shown(current);
    shown.put("current_version", currentVersion);
    return shown;
  }

  private void runSteps(UpdateCheck check, String actor, Long actorId) {
    String step = "download";
    try {
      PublicKey key = trustedKey();
      Path staging = state.dir().resolve("staging");
      Files.createDirectories(staging);
      Path versionDir = dataDir.resolve("versions").resolve(check.targetVersion());
      Path newJar = versionDir.resolve(UpdatePackage.SERVER_JAR);
      UpdatePackage.Manifest manifest;
      if ("upload".equals(check.source())) {
        Path copy = staging.resolve("package.hsu");
        Files.copy(uploadedPackage(), copy, StandardCopyOption.REPLACE_EXISTING);
        stepDone(step, actor, actorId, check, Map.of());
        advance("verifying", 30);
        step = "verify";
        manifest = UpdatePackage.verifyPackage(copy, key, currentVersion, newJar);
      } else {
        manifest = fetchManifest(key);
        Path download = staging.resolve(UpdatePackage.SERVER_JAR);
        downloadArtifact(manifest, download);
        stepDone(step, actor, actorId, check, Map.of("bytes", Files.size(download)));
        advance("verifying", 30);
        step = "verify";
        UpdatePackage.verifyArtifact(manifest, UpdatePackage.SERVER_JAR, download);
        Files.createDirectories(versionDir);
        Files.move(download, newJar, StandardCopyOption.REPLACE_EXISTING);
      }
      stepDone(
          step,
          actor,
          actorId,
          check,
          Map.of("sha256", manifest.sha256().get(UpdatePackage.SERVER_JAR)));
      advance("backing_up", 45);
      step = "backup";
      BackupInfo backup = backups.create("update", actor);
      stepDone(step, actor, actorId, check, Map.of("backup_id", backup.id()));
      advance("applying", 65);
      step = "apply";
      Path previous = state.activeJar().filter(Files::isRegularFile).orElseGet(this::ownJar);
      Map<String, Object> changes = new LinkedHashMap<>();
      changes.put("previous_jar", previous.toString());
      changes.put("new_jar", newJar.toString());
      changes.put("backup_id", backup.id());
      changes.put("backup_file", backups.file(backup.id()).toString());
      changes.put("health_timeout_seconds", properties.healthTimeout().toSeconds());
      state.update(changes);
      state.setActiveJar(newJar);
      stepDone(step, actor, actorId, check, Map.of());
      advance("restarting", 80);
      record(
          "system.update.step",
          actor,
          actorId,
          check,
          AuditOutcome.SUCCESS,
          Map.of("step", "restart"));
      log.info("update to {} applied; restarting into it", check.targetVersion());
      Thread.sleep(1000); // lets consoles see "restarting" before the socket closes
      // the JVM's shutdown hook closes the application as on SIGTERM; the launcher sees the code
      System.exit(Launcher.RESTART);
    } catch (Exception e) {
      String reason =
          e instanceof UpdatePackage.RefusedException r
              ? r.getMessage()
              : String.valueOf(e.getMessage());
      log.error("update step {} failed: {}", step, reason);
      state.update(
          Map.of("status", "failed", "progress", 100, "error", step + " failed: " + reason));
      publish(state.read());
      record(
          "system.update.step",
          actor,
          actorId,
          check,
          AuditOutcome.FAILURE,
          Map.of("step", step, "error", reason));
    }
  }

  /** After a start: record how an update ended (applied here, or rolled back to here). */
  @EventListener(ApplicationReadyEvent.class)
  void recordOutcome() {
    Map<String, Object> current = state.read();
    Object status = current.get("status");
    String to = String.valueOf(current.get("to_version"));
    if ("restarting".equals(status) && currentVersion.equals(to)) {
      current.put("status", "done");
      current.put("progress", 100);
      state.write(current);
      record(
          "system.update.applied",
          String.valueOf(current.get("started_by")),
          null,
          to,
          AuditOutcome.SUCCESS,
          Map.of("from_version", String.valueOf(current.get("from_version"))));
    } else if ("rolled_back".equals(status)
        && !Boolean.TRUE.equals(current.get("rollback_audited"))) {
      current.put("rollback_audited", true);
      state.write(current);
      record(
          "system.update.rolled_back",
          String.valueOf(current.get("started_by")),
          null,
          to,
          AuditOutcome.FAILURE,
          Map.of("error", String.valueOf(current.get("error")), "running_version", currentVersion));
    } else if (status != null && RUNNING.contains(status.toString())) {
      state.update(
          Map.of(
              "status",
              "failed",
              "progress",
              100,
              "error",
              "interrupted by a restart during " + status));
    }
  }

  private void advance(String status, int progress) {
    publish(state.update(Map.of("status", status, "progress", progress)));
  }

  private void publish(Map<String, Object> current) {
    events.publishEvent(new UpdateProgress(shown(current)));
  }

  /** The state without the launcher's own fields (paths on this machine, bookkeeping). */
  private static Map<String, Object> shown(Map<String, Object> state) {
    Map<String, Object> shown = new LinkedHashMap<>(state);
    shown.keySet().removeAll(Set.of("backup_file", "previous_jar", "new_jar", "rollback_audited"));
    return shown;
  }

  private void stepDone(
      String step, String actor, Long actorId, UpdateCheck check, Map<String, Object> details) {
    Map<String, Object> all = new LinkedHashMap<>(details);
    all.put("step", step);
    record("system.update.step", actor, actorId, check, AuditOutcome.SUCCESS, all);
  }

  private void record(
      String action,
      String actor,
      Long actorId,
      UpdateCheck check,
      AuditOutcome outcome,
      Map<String, Object> details) {
    record(action, actor, actorId, check.targetVersion(), outcome, details);
  }

  private void record(
      String action,
      String actor,
      Long actorId,
      String target,
      AuditOutcome outcome,
      Map<String, Object> details) {
    try {
      audit.record(
          new AuditEntry(actorId, actor, null, action, "update", target, outcome, details));
    } catch (RuntimeException e) {
      log.warn("could not audit {}: {}", action, e.toString());
    }
  }

  private UpdateCheck found(UpdatePackage.Manifest manifest, String source) {
    return new UpdateCheck(
        currentVersion,
        manifest.version(),
        manifest.totalSize(),
        manifest.releaseNotes(),
        manifest.publishedAt(),
        source);
  }

  /** The uploaded package's manifest, or null when it is no longer newer (installed already). */
  private UpdatePackage.Manifest manifestOfPackage(Path file, PublicKey key)
      throws UpdatePackage.RefusedException {
    try (var zip = new java.util.zip.ZipFile(file.toFile())) {
      var manifest = zip.getEntry(UpdatePackage.MANIFEST);
      var signature = zip.getEntry(UpdatePackage.SIGNATURE);
      if (manifest == null || signature == null) {
        return null;
      }
      return UpdatePackage.verifyManifest(
          zip.getInputStream(manifest).readNBytes(1 << 20),
          zip.getInputStream(signature).readNBytes(4096),
          key,
          currentVersion);
    } catch (UpdatePackage.RefusedException e) {
      if (e.refusal() == UpdatePackage.Refusal.NOT_NEWER) {
        deleteQuietly(file);
        return null;
      }
      throw e;
    } catch (IOException e) {
      return null;
    }
  }

  private UpdatePackage.Manifest fetchManifest(PublicKey key)
      throws UpdatePackage.RefusedException {
    byte[] manifest = fetch(properties.url(), 1 << 20);
    byte[] signature = fetch(properties.url() + ".sig", 4096);
    return UpdatePackage.verifyManifest(manifest, signature, key, currentVersion);
  }

  private byte[] fetch(String url, int max) {
    try {
      HttpResponse<InputStream> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          throw new ApiException(
              UpdateProblem.SOURCE_UNREACHABLE, url + " answered " + response.statusCode());
        }
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
          throw new ApiException(UpdateProblem.SOURCE_UNREACHABLE, url + " sent too much");
        }
        return bytes;
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new ApiException(UpdateProblem.SOURCE_UNREACHABLE, "cannot reach " + url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(UpdateProblem.SOURCE_UNREACHABLE, "interrupted");
    }
  }

  private void downloadArtifact(UpdatePackage.Manifest manifest, Path target)
      throws IOException, InterruptedException {
    URI uri = URI.create(properties.url()).resolve(UpdatePackage.SERVER_JAR);
    long expected = manifest.sizes().get(UpdatePackage.SERVER_JAR);
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException(uri + " answered " + response.statusCode());
    }
    try (InputStream in = response.body();
        OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[256 * 1024];
      long done = 0;
      int lastShown = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        done += n;
        if (done > expected) {
          throw new IOException("the download is larger than the signed manifest says");
        }
        out.write(buffer, 0, n);
        int progress = (int) (done * 30 / Math.max(1, expected));
        if (progress > lastShown) {
          lastShown = progress;
          publish(state.update(Map.of("progress", progress)));
        }
      }
    }
  }

  private Path uploadedPackage() {
    return state.dir().resolve("uploaded.hsu");
  }

  private Path ownJar() {
    java.io.File source = new ApplicationHome(UpdateService.class).getSource();
    if (source == null || !source.isFile()) {
      throw new IllegalStateException("the running server is not a jar");
    }
    return source.toPath().toAbsolutePath();
  }

  private PublicKey trustedKey() {
    if (properties.publicKey() == null) {
      throw new ApiException(
          UpdateProblem.NO_TRUSTED_KEY,
          "set HSYSTEM_UPDATE_PUBLIC_KEY to the key updates are signed with");
    }
    try {
      return UpdatePackage.publicKey(properties.publicKey());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("HSYSTEM_UPDATE_PUBLIC_KEY is not an Ed25519 public key");
    }
  }

  private static ApiException problem(UpdatePackage.RefusedException e) {
    UpdateProblem type =
        switch (e.refusal()) {
          case NOT_A_PACKAGE -> UpdateProblem.NOT_A_PACKAGE;
          case UNSIGNED -> UpdateProblem.UNSIGNED;
          case BAD_SIGNATURE -> UpdateProblem.BAD_SIGNATURE;
          case WRONG_PRODUCT -> UpdateProblem.WRONG_PRODUCT;
          case NOT_NEWER -> UpdateProblem.NOT_NEWER;
          case TAMPERED -> UpdateProblem.TAMPERED;
        };
    return new ApiException(type, e.getMessage());
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temp file
    }
  }
}
