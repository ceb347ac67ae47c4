package io.hsystem.system.internal;

import io.hsystem.shared.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * How the server migrates its database at start: normally just Flyway. With a pending restore (ADR
 * 013) the backup's rows replace every table right after migrating — before any component reads the
 * database. When the database is at a newer schema than the backup while this jar's migrations end
 * at the backup's version (an update being rolled back), H-System's schema objects are dropped
 * first so that Flyway rebuilds exactly the backup's schema.
 */
@Component
class MigrateThenRestore implements FlywayMigrationStrategy {

  private final PendingRestore restore;

  MigrateThenRestore(DataDirectory data) {
    this.restore = new PendingRestore(data.root());
  }

  @Override
  public void migrate(Flyway flyway) {
    DataSource dataSource = flyway.getConfiguration().getDataSource();
    try {
      if (restore.exists()) {
        JsonNode manifest = restore.manifest();
        String wanted = manifest.path("schema_version").asString("");
        try (Connection c = dataSource.getConnection()) {
          String installed = DatabaseDump.schemaVersion(c);
          if (installed != null
              && !installed.equals(wanted)
              && wanted.equals(RestoreFilesStep.latestMigration())) {
            DatabaseDump.dropAll(c);
          }
        }
      }
      flyway.migrate();
      if (restore.exists()) {
        try (Connection c = dataSource.getConnection()) {
          restore.applyDatabase(c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("restore failed: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("restore failed: " + e.getMessage(), e);
    }
  }
}
