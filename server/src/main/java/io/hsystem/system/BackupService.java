package io.hsystem.system;

import io.hsystem.shared.ApiException;
import io.hsystem.shared.DataDirectory;
import io.hsystem.system.internal.BackupFile;
import io.hsystem.system.internal.BackupWriter;
import io.hsystem.system.internal.DatabaseDump;
import io.hsystem.system.internal.PendingRestore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Encrypted backups (issue 7): written on demand or on schedule into the backup folder, listed from
 * their clear headers, downloaded, deleted, and restored by staging a fully verified backup that
 * the next start applies (ADR 013).
 */
@Service
public class BackupService {

  private static final Logger log = LoggerFactory.getLogger(BackupService.class);
  private static final Pattern ID = Pattern.compile("hsystem-\\d{8}T\\d{6}Z(-\\d{1,3})?");
  private static final String EXTENSION = ".hsb";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final BackupProperties properties;
  private final DataSource dataSource;
  private final DataDirectory data;
  private final Clock clock;
  private final String productVersion;
  private final PendingRestore restore;
  private final ReentrantLock writing = new ReentrantLock();

  BackupService(
      BackupProperties properties,
      DataSource dataSource,
      DataDirectory data,
      Clock clock,
      ObjectProvider<BuildProperties> build) {
    this.properties = properties;
    this.dataSource = dataSource;
    this.data = data;
    this.clock = clock;
    BuildProperties info = build.getIfAvailable();
    this.productVersion = info == null ? "dev" : info.getVersion();
    this.restore = new PendingRestore(data.root());
  }

  /** Where backup files are kept. */
  public Path folder() {
    Path dir =
        properties.dir().isEmpty()
            ? data.root().resolve("backups")
            : Path.of(properties.dir()).toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the backup folder " + dir, e);
    }
    return dir;
  }

  /**
   * Writes a backup of every table, the keys and the configuration files, then deletes the oldest
   * backups beyond the retention count.
   *
   * @param trigger {@code manual} or {@code scheduled}
   * @param createdBy the user's name, or {@code system}
   */
  public BackupInfo create(String trigger, String createdBy) {
    char[] key = requireKey();
    if (!writing.tryLock()) {
      throw new ApiException(BackupProblem.IN_PROGRESS, "another backup is being written");
    }
    try {
      Instant now = clock.instant();
      String id = freeId(now);
      Path target = folder().resolve(id + EXTENSION);
      Path partial = folder().resolve("." + id + ".partial");
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("id", id);
      header.put("created_at", now.toString());
      header.put("product", "H-System");
      header.put("product_version", productVersion);
      header.put("trigger", trigger);
      header.put("created_by", createdBy);
      try (Connection c = dataSource.getConnection()) {
        header.put("schema_version", DatabaseDump.schemaVersion(c));
      }
      BackupWriter.Summary summary;
      try (OutputStream out = Files.newOutputStream(partial)) {
        summary =
            BackupWriter.write(
                out, key, header, dataSource, data.root(), Path.of("").toAbsolutePath());
      } catch (Exception e) {
        Files.deleteIfExists(partial);
        throw e;
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      log.info(
          "backup {} written: {} tables, {} rows, {} files, {} bytes",
          id,
          summary.tables(),
          summary.rows(),
          summary.files(),
          Files.size(target));
      applyRetention();
      return info(target);
    } catch (ApiException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("backup failed: " + e.getMessage(), e);
    } finally {
      writing.unlock();
    }
  }

  /** The backups in the folder, newest first. Files that are not backups are left out. */
  public List<BackupInfo> list() {
    List<BackupInfo> result = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder(), "*" + EXTENSION)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!ID.matcher(name.substring(0, name.length() - EXTENSION.length())).matches()) {
          continue;
        }
        try {
          result.add(info(file));
        } catch (IOException | RuntimeException e) {
          log.warn("skipping unreadable backup file {}: {}", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    result.sort(Comparator.comparing(BackupInfo::createdAt).reversed());
    return result;
  }

  public BackupInfo get(String id) {
    try {
      return info(file(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The backup's file, for download. */
  public Path file(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new ApiException(BackupProblem.NOT_FOUND, "no backup " + id);
    }
    Path file = folder().resolve(id + EXTENSION);
    if (!Files.isRegularFile(file)) {
      throw new ApiException(BackupProblem.NOT_FOUND, "no backup " + id);
    }
    return file;
  }

  public void delete(String id) {
    try {
      Files.delete(file(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Keeps an uploaded backup file in the folder after checking every byte of it with the configured
   * key; a wrong key or a damaged file is refused and nothing is kept.
   */
  public BackupInfo upload(InputStream body) {
    char[] key = requireKey();
    Path partial = folder().resolve(".upload-" + UUID.randomUUID() + ".partial");
    try {
      try (OutputStream out = Files.newOutputStream(partial)) {
        new io.hsystem.shared.CappedInputStream(body, properties.maxRestoreBytes()).transferTo(out);
      }
      JsonNode header;
      try (InputStream in = Files.newInputStream(partial)) {
        BackupFile.Opened opened = BackupFile.decrypt(in, key);
        header = opened.header();
        opened.payload().transferTo(OutputStream.nullOutputStream());
      }
      String id = header.path("id").asString("");
      if (!ID.matcher(id).matches()) {
        throw new ApiException(BackupProblem.DAMAGED, "the backup's id is not valid");
      }
      Path target = folder().resolve(id + EXTENSION);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      return info(target);
    } catch (BackupFile.BackupFileException e) {
      throw problem(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /**
   * Verifies a backup completely and stages it: the next start of the server puts its keys and
   * configuration in place and replaces every table's rows with the backup's.
   */
  public RestoreStatus stageRestore(String id) {
    char[] key = requireKey();
    Path file = file(id);
    try (InputStream in = Files.newInputStream(file);
        Connection c = dataSource.getConnection()) {
      String installed = DatabaseDump.schemaVersion(c);
      JsonNode header;
      try (InputStream headerIn = Files.newInputStream(file)) {
        header = BackupFile.readHeader(headerIn);
      }
      String wanted = header.path("schema_version").asString("");
      if (!wanted.equals(installed)) {
        throw new ApiException(
            BackupProblem.SCHEMA_MISMATCH,
            "the backup has schema version "
                + wanted
                + ", this installation "
                + installed
                + "; restore it with the H-System version that wrote it");
      }
      restore.stage(in, key, properties.maxRestoreBytes());
      return pendingRestore();
    } catch (BackupFile.BackupFileException e) {
      throw problem(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The restore waiting for the next start, or null. */
  public RestoreStatus pendingRestore() {
    if (!restore.exists()) {
      return null;
    }
    try {
      JsonNode manifest = restore.manifest();
      long rows = 0;
      for (JsonNode table : manifest.get("tables")) {
        rows += table.path("rows").asLong();
      }
      int files = 0;
      for (Map.Entry<String, JsonNode> entry : manifest.get("entries").properties()) {
        if (entry.getKey().startsWith("files/")) {
          files++;
        }
      }
      return new RestoreStatus(
          manifest.path("id").asString(),
          Instant.parse(manifest.path("created_at").asString()),
          manifest.get("tables").size(),
          rows,
          files,
          true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops the pending restore. */
  public void cancelRestore() {
    try {
      restore.cancel();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The record of a restore applied when this server started, once, or null. */
  JsonNode takeAppliedRestore() {
    try {
      return restore.takeAppliedRecord();
    } catch (IOException e) {
      log.warn("cannot read the record of the applied restore: {}", e.toString());
      return null;
    }
  }

  boolean keyConfigured() {
    return properties.keyConfigured();
  }

  private void applyRetention() throws IOException {
    List<BackupInfo> all = list();
    for (int i = properties.retentionCount(); i < all.size(); i++) {
      Files.deleteIfExists(folder().resolve(all.get(i).id() + EXTENSION));
      log.info("backup retention ({}) deleted {}", properties.retentionCount(), all.get(i).id());
    }
  }

  private String freeId(Instant now) {
    String base = "hsystem-" + STAMP.format(now);
    String id = base;
    for (int i = 1; Files.exists(folder().resolve(id + EXTENSION)); i++) {
      id = base + "-" + i;
    }
    return id;
  }

  private BackupInfo info(Path file) throws IOException {
    JsonNode header;
    try (InputStream in = Files.newInputStream(file)) {
      header = BackupFile.readHeader(in);
    }
    String name = file.getFileName().toString();
    return new BackupInfo(
        name.substring(0, name.length() - EXTENSION.length()),
        Instant.parse(header.path("created_at").asString()),
        Files.size(file),
        header.path("product_version").asString(null),
        header.path("schema_version").asString(null),
        header.path("trigger").asString(null),
        header.path("created_by").asString(null));
  }

  private char[] requireKey() {
    if (!properties.keyConfigured()) {
      throw new ApiException(
          BackupProblem.KEY_MISSING,
          "set HSYSTEM_BACKUP_KEY (at least 16 characters) to write or read backups");
    }
    return properties.key().toCharArray();
  }

  private static ApiException problem(BackupFile.BackupFileException e) {
    BackupProblem type =
        switch (e.failure()) {
          case NOT_A_BACKUP -> BackupProblem.NOT_A_BACKUP;
          case UNSUPPORTED_VERSION -> BackupProblem.UNSUPPORTED_VERSION;
          case WRONG_KEY -> BackupProblem.WRONG_KEY;
          case DAMAGED -> BackupProblem.DAMAGED;
        };
    return new ApiException(type, e.getMessage());
  }
}
