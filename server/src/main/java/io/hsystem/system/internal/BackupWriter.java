package io.hsystem.system.internal;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Writes one backup: every table (one consistent snapshot), the sequences, the data folder's {@code
 * keys/} and the configuration files, then the manifest, all through {@link BackupFile}.
 */
public final class BackupWriter {

  /** Configuration files looked for, relative to the working folder (Spring's own locations). */
  public static final List<String> CONFIG_FILES =
      List.of(
          "application.yml",
          "application.yaml",
          "application.properties",
          "config/application.yml",
          "config/application.yaml",
          "config/application.properties");

  private BackupWriter() {}

  /** Counts of what a backup holds. */
  public record Summary(int tables, long rows, int files) {}

  public static Summary write(
      OutputStream file,
      char[] key,
      Map<String, Object> header,
      DataSource dataSource,
      Path dataDir,
      Path workingDir)
      throws Exception {
    BackupArchive.Writer archive = new BackupArchive.Writer(BackupFile.encrypt(file, key, header));
    Map<String, Object> manifest = new LinkedHashMap<>(header);
    List<Map<String, Object>> tableList = new ArrayList<>();
    long rows = 0;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      try {
        manifest.put("schema_version", DatabaseDump.schemaVersion(connection));
        for (String table : DatabaseDump.tables(connection)) {
          Map<String, Object> details =
              archive.add(
                  "db/" + table + ".copy",
                  (out, d) -> d.put("rows", DatabaseDump.copyOut(connection, table, out)));
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("name", table);
          entry.put("rows", details.get("rows"));
          entry.put("content_hash", DatabaseDump.contentHash(connection, table));
          tableList.add(entry);
          rows += (Long) details.get("rows");
        }
        List<Map<String, Object>> sequences = new ArrayList<>();
        for (DatabaseDump.SequenceState s : DatabaseDump.sequences(connection)) {
          sequences.add(Map.of("name", s.name(), "value", s.value(), "called", s.called()));
        }
        manifest.put("sequences", sequences);
      } finally {
        connection.rollback();
        connection.setReadOnly(false);
        connection.setAutoCommit(true);
      }
    }
    manifest.put("tables", tableList);
    int files = 0;
    Path keys = dataDir.resolve("keys");
    if (Files.isDirectory(keys)) {
      try (Stream<Path> list = Files.list(keys)) {
        for (Path keyFile : list.filter(Files::isRegularFile).sorted().toList()) {
          archive.add("files/keys/" + keyFile.getFileName(), (out, d) -> Files.copy(keyFile, out));
          files++;
        }
      }
    }
    for (String name : CONFIG_FILES) {
      Path config = workingDir.resolve(name);
      if (Files.isRegularFile(config)) {
        archive.add("files/config/" + name, (out, d) -> Files.copy(config, out));
        files++;
      }
    }
    archive.finish(manifest);
    return new Summary(tableList.size(), rows, files);
  }
}
