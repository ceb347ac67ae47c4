package io.hsystem.system.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A verified backup unpacked under {@code <data>/restore/pending}, applied at the next start: the
 * files before any component reads its keys ({@link RestoreFilesStep}), the database right after
 * Flyway has migrated ({@link RestoreDatabaseCallback}), in one transaction whose result is
 * compared with the backup's content hashes before it commits. What the files replaced is moved to
 * {@code <data>/restore/previous-<time>}, never deleted.
 */
public final class PendingRestore {

  private static final Logger log = LoggerFactory.getLogger(PendingRestore.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String FILES_APPLIED = "files-applied";
  static final String APPLIED_RECORD = "last-applied.json";

  private final Path dataDir;

  public PendingRestore(Path dataDir) {
    this.dataDir = dataDir;
  }

  public Path restoreDir() {
    return dataDir.resolve("restore");
  }

  public Path pending() {
    return restoreDir().resolve("pending");
  }

  public boolean exists() {
    return Files.isRegularFile(pending().resolve(BackupArchive.MANIFEST));
  }

  /** The pending backup's manifest. */
  public JsonNode manifest() throws IOException {
    return JSON.readTree(pending().resolve(BackupArchive.MANIFEST).toFile());
  }

  /**
   * Decrypts and checks a whole backup, and when every byte is authentic, makes it the pending
   * restore (replacing an earlier pending one). Nothing is changed when it is not.
   *
   * @return the backup's manifest
   */
  public JsonNode stage(InputStream file, char[] key, long maxBytes) throws IOException {
    Files.createDirectories(restoreDir());
    Path staging = restoreDir().resolve("staging-" + UUID.randomUUID());
    Files.createDirectories(staging);
    try {
      BackupFile.Opened opened = BackupFile.decrypt(file, key);
      JsonNode manifest;
      try (InputStream payload = opened.payload()) {
        manifest = BackupArchive.unpack(payload, staging, maxBytes);
      }
      Files.write(staging.resolve(BackupArchive.MANIFEST), JSON.writeValueAsBytes(manifest));
      if (Files.exists(pending())) {
        deleteTree(pending());
      }
      move(staging, pending());
      return manifest;
    } finally {
      if (Files.exists(staging)) {
        deleteTree(staging);
      }
    }
  }

  /** Drops the pending restore, if any. */
  public void cancel() throws IOException {
    if (Files.exists(pending())) {
      deleteTree(pending());
    }
  }

  /**
   * Puts the backup's key and configuration files in place (once; a restart after a failed database
   * step does not do it again). Checks first that this installation's schema is the backup's.
   */
  public void applyFiles(Path workingDir, String installedSchemaVersion) throws IOException {
    JsonNode manifest = manifest();
    requireSchema(manifest, installedSchemaVersion);
    if (Files.exists(pending().resolve(FILES_APPLIED))) {
      return;
    }
    Path previous =
        restoreDir()
            .resolve(
                "previous-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now()));
    Path keys = pending().resolve("files").resolve("keys");
    if (Files.isDirectory(keys)) {
      Path liveKeys = dataDir.resolve("keys");
      if (Files.exists(liveKeys)) {
        Files.createDirectories(previous);
        move(liveKeys, previous.resolve("keys"));
      }
      Files.createDirectories(liveKeys);
      try (Stream<Path> list = Files.list(keys)) {
        for (Path key : list.toList()) {
          Files.copy(key, liveKeys.resolve(key.getFileName()));
        }
      }
    }
    Path config = pending().resolve("files").resolve("config");
    if (Files.isDirectory(config)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(config)) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      for (Path file : files) {
        Path target = workingDir.resolve(config.relativize(file).toString()).normalize();
        if (!target.startsWith(workingDir)) {
          continue;
        }
        if (Files.exists(target) && Files.mismatch(target, file) != -1) {
          // the running configuration wins; the backup's copy is left beside it to compare
          Files.copy(
              file,
              target.resolveSibling(target.getFileName() + ".restored"),
              StandardCopyOption.REPLACE_EXISTING);
          log.warn(
              "restore: kept the current {}; the backup's version is beside it as {}.restored",
              target,
              target.getFileName());
        } else if (!Files.exists(target)) {
          Files.createDirectories(target.getParent());
          Files.copy(file, target);
        }
      }
    }
    Files.writeString(pending().resolve(FILES_APPLIED), Instant.now().toString());
  }

  /**
   * Replaces every table's rows with the backup's, in one transaction on the given connection, and
   * checks the result against the backup's row counts and content hashes before committing.
   * Afterwards the pending folder becomes {@code restore/applied-<id>}.
   */
  public void applyDatabase(Connection connection) throws IOException, SQLException {
    JsonNode manifest = manifest();
    requireSchema(manifest, DatabaseDump.schemaVersion(connection));
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      List<String> tables = DatabaseDump.tables(connection);
      Set<String> inBackup = new HashSet<>();
      for (JsonNode table : manifest.get("tables")) {
        inBackup.add(table.get("name").asString());
      }
      if (!inBackup.equals(new HashSet<>(tables))) {
        throw new IllegalStateException(
            "the backup's tables " + inBackup + " differ from this database's " + tables);
      }
      DatabaseDump.truncateAll(connection, tables);
      for (String table : tables) {
        try (InputStream in =
            Files.newInputStream(pending().resolve("db").resolve(table + ".copy"))) {
          DatabaseDump.copyIn(connection, table, in);
        }
      }
      for (JsonNode s : manifest.get("sequences")) {
        DatabaseDump.restoreSequence(
            connection,
            new DatabaseDump.SequenceState(
                s.get("name").asString(), s.get("value").asLong(), s.get("called").asBoolean()));
      }
      List<String> differences = new ArrayList<>();
      for (JsonNode table : manifest.get("tables")) {
        String name = table.get("name").asString();
        String hash = DatabaseDump.contentHash(connection, name);
        if (!hash.equals(table.get("content_hash").asString())) {
          differences.add(name);
        }
      }
      if (!differences.isEmpty()) {
        throw new IllegalStateException(
            "restored tables differ from the backup's content hashes: " + differences);
      }
      connection.commit();
    } catch (IOException | SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    String id = manifest.path("id").asString("backup");
    Path applied = restoreDir().resolve("applied-" + id + "-" + System.currentTimeMillis());
    move(pending(), applied);
    Files.write(
        restoreDir().resolve(APPLIED_RECORD),
        JSON.writeValueAsBytes(
            Map.of(
                "backup_id", id,
                "applied_at", Instant.now().toString(),
                "tables", manifest.get("tables").size())));
    log.info("restore: backup {} applied ({} tables)", id, manifest.get("tables").size());
  }

  /** The record of a restore applied at this start, once; null when there was none. */
  public JsonNode takeAppliedRecord() throws IOException {
    Path record = restoreDir().resolve(APPLIED_RECORD);
    if (!Files.exists(record)) {
      return null;
    }
    JsonNode node = JSON.readTree(record.toFile());
    Files.delete(record);
    return node;
  }

  static void requireSchema(JsonNode manifest, String installed) {
    String wanted = manifest.path("schema_version").asString("");
    if (installed != null && !wanted.equals(installed)) {
      throw new SchemaMismatch(wanted, installed);
    }
  }

  /** The backup was written by another schema version than this installation's. */
  public static final class SchemaMismatch extends IllegalStateException {
    public SchemaMismatch(String backup, String installed) {
      super(
          "the backup has database schema version "
              + backup
              + " but this installation has "
              + installed
              + "; restore it with the H-System version that wrote it, then upgrade");
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
