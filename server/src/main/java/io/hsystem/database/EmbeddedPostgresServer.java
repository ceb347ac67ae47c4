package io.hsystem.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 14 of a default installation. Its data folder survives restarts; it
 * listens on 127.0.0.1 only and is stopped when the application context closes (SIGTERM).
 */
final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  static final String DATABASE = "hsystem";

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedPostgresServer start(Path dataDirectory, int port) throws IOException {
    Files.createDirectories(dataDirectory);
    stopOrphan(dataDirectory);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "100");
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres postgres = builder.start();
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
    server.ensureDatabase();
    log.info(
        "embedded PostgreSQL started on 127.0.0.1:{} with data in {}",
        postgres.getPort(),
        dataDirectory);
    return server;
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", DATABASE);
  }

  private void ensureDatabase() throws IOException {
    try (var c = postgres.getPostgresDatabase().getConnection();
        var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      check.setString(1, DATABASE);
      try (var rs = check.executeQuery()) {
        if (!rs.next()) {
          try (var create = c.createStatement()) {
            create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
          }
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IOException("cannot create the embedded database", e);
    }
  }

  /**
   * A server killed with -9 leaves its PostgreSQL child running on the data folder, which would
   * refuse a second postmaster. Stop that orphan before starting.
   */
  private static void stopOrphan(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    try {
      List<String> lines = Files.readAllLines(pidFile);
      long pid = Long.parseLong(lines.get(0).trim());
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isPresent()
          && process.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
        log.warn("stopping a PostgreSQL (pid {}) left running on {}", pid, dataDirectory);
        process.get().destroy();
        process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      log.warn(
          "could not check for a PostgreSQL left running on {}: {}", dataDirectory, e.toString());
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    log.info("embedded PostgreSQL stopped");
  }
}
