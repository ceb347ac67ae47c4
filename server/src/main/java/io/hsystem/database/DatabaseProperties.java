package io.hsystem.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Relational database settings ({@code hsystem.db.*}, environment {@code HSYSTEM_DB_*}).
 *
 * @param url JDBC URL of an external PostgreSQL 14+; blank starts the embedded one
 * @param user user for the external database
 * @param password password for the external database (may be given as {@code ENC(...)})
 * @param poolSize maximum connections in the pool
 * @param embeddedPort port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one
 */
@ConfigurationProperties("hsystem.db")
public record DatabaseProperties(
    String url,
    String user,
    String password,
    @DefaultValue("10") int poolSize,
    @DefaultValue("0") int embeddedPort) {

  public boolean embedded() {
    return url == null || url.isBlank();
  }

  /** Where the embedded PostgreSQL keeps its files. */
  public static Path embeddedDataDirectory(Path dataDir) {
    return dataDir.resolve("postgres");
  }
}
