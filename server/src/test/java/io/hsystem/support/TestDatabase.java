package io.hsystem.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * PostgreSQL for tests, made fast: the migrations run once into a template database, and each test
 * database is a copy of it. The server is the one named by {@code HSYSTEM_TEST_DB_URL} (CI: the
 * machine's PostgreSQL), otherwise an embedded PostgreSQL started once per JVM.
 */
public final class TestDatabase {

  /** Environment variable naming an admin JDBC URL of an external server, user included. */
  public static final String EXTERNAL_URL = "HSYSTEM_TEST_DB_URL";

  private static String adminUrl;
  private static String template;

  /** Connection facts of one fresh database. */
  public record Database(String url, String user, String password) {}

  private TestDatabase() {}

  /** True when the tests run against an external server rather than the embedded one. */
  public static boolean external() {
    String url = System.getenv(EXTERNAL_URL);
    return url != null && !url.isBlank();
  }

  /** A new, migrated database that nobody else uses. */
  public static synchronized Database create() {
    try {
      if (adminUrl == null) {
        adminUrl = external() ? System.getenv(EXTERNAL_URL) : startEmbedded();
        dropLeftovers();
        template = ensureTemplate();
      }
      String name = "hsystem_test_" + UUID.randomUUID().toString().replace("-", "");
      execute("CREATE DATABASE " + name + " TEMPLATE " + template);
      return new Database(urlOf(name), user(), "");
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot prepare a test database", e);
    }
  }

  /** A new database without any migration, for tests that start a whole server. */
  public static synchronized Database createEmpty() {
    create();
    try {
      String name = "hsystem_empty_" + UUID.randomUUID().toString().replace("-", "");
      execute("CREATE DATABASE " + name);
      return new Database(urlOf(name), user(), "");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String startEmbedded() throws IOException {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    postgres.close();
                  } catch (IOException ignored) {
                    // the JVM is going away anyway
                  }
                }));
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  private static String ensureTemplate() throws SQLException, IOException {
    String name = "hsystem_tpl_" + migrationsHash().substring(0, 16);
    boolean exists;
    try (Connection c = admin();
        var st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      st.setString(1, name);
      exists = st.executeQuery().next();
    }
    if (!exists) {
      String building = name + "_building";
      execute("DROP DATABASE IF EXISTS " + building);
      execute("CREATE DATABASE " + building + " ENCODING 'UTF8' TEMPLATE template0");
      Flyway.configure()
          .dataSource(urlOf(building), user(), "")
          .locations("classpath:db/migration")
          .load()
          .migrate();
      execute("ALTER DATABASE " + building + " RENAME TO " + name);
    }
    return name;
  }

  /** Test databases of earlier runs (a killed JVM leaves them behind). */
  private static void dropLeftovers() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = admin();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT datname FROM pg_database WHERE datname LIKE 'hsystem\\_test\\_%'"
                        + " OR datname LIKE 'hsystem\\_empty\\_%'"
                        + " OR (datname LIKE 'hsystem\\_tpl\\_%' AND datname NOT LIKE '%\\_building')")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    String current = "hsystem_tpl_" + migrationsHash().substring(0, 16);
    for (String name : names) {
      if (!name.equals(current)) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  private static String migrationsHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Path dir = Path.of(TestDatabase.class.getResource("/db/migration").toURI());
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          sha.update(file.getFileName().toString().getBytes());
          try (InputStream in = Files.newInputStream(file)) {
            sha.update(in.readAllBytes());
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = admin()) {
      c.createStatement().execute(sql);
    }
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(adminUrl);
  }

  private static String user() {
    String query = adminUrl.contains("?") ? adminUrl.substring(adminUrl.indexOf('?') + 1) : "";
    for (String part : query.split("&")) {
      if (part.startsWith("user=")) {
        return part.substring(5);
      }
    }
    return "postgres";
  }

  private static String urlOf(String database) {
    String base = adminUrl.contains("?") ? adminUrl.substring(0, adminUrl.indexOf('?')) : adminUrl;
    return base.substring(0, base.lastIndexOf('/') + 1) + database;
  }
}
