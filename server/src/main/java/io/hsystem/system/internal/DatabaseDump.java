package io.hsystem.system.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Every H-System table of the current schema, copied out and in with PostgreSQL's binary {@code
 * COPY} over JDBC — so that neither {@code pg_dump} nor a particular server version is needed —
 * plus the sequences' positions. Flyway's history is not copied: a backup is restored into an
 * installation migrated to the same schema version.
 */
public final class DatabaseDump {

  static final String FLYWAY_TABLE = "flyway_schema_history";

  private DatabaseDump() {}

  /** A sequence's position, as {@code setval(name, value, called)} restores it. */
  public record SequenceState(String name, long value, boolean called) {}

  /** The tables to copy, parents before children (foreign keys), names as stored in pg_class. */
  public static List<String> tables(Connection connection) throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
                    + " AND NOT c.relispartition")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    names.remove(FLYWAY_TABLE);
    Map<String, Set<String>> parents = new HashMap<>();
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT child.relname, parent.relname FROM pg_constraint k"
                    + " JOIN pg_class child ON child.oid = k.conrelid"
                    + " JOIN pg_class parent ON parent.oid = k.confrelid"
                    + " JOIN pg_namespace n ON n.oid = child.relnamespace"
                    + " WHERE k.contype = 'f' AND n.nspname = current_schema()")) {
      while (rs.next()) {
        if (!rs.getString(1).equals(rs.getString(2))) {
          parents.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (ordered.size() < names.size()) {
      boolean progress = false;
      for (String name : names) {
        if (!placed.contains(name)
            && placed.containsAll(
                parents.getOrDefault(name, Set.of()).stream().filter(names::contains).toList())) {
          ordered.add(name);
          placed.add(name);
          progress = true;
        }
      }
      if (!progress) {
        throw new IllegalStateException("foreign keys form a cycle among the tables");
      }
    }
    return ordered;
  }

  /** Copies one table's rows out in PostgreSQL's binary COPY format; returns the row count. */
  public static long copyOut(Connection connection, String table, OutputStream out)
      throws SQLException, IOException {
    return copyApi(connection)
        .copyOut("COPY " + quote(connection, table) + " TO STDOUT (FORMAT binary)", out);
  }

  /** Loads rows copied by {@link #copyOut}; returns the row count. */
  public static long copyIn(Connection connection, String table, InputStream in)
      throws SQLException, IOException {
    return copyApi(connection)
        .copyIn("COPY " + quote(connection, table) + " FROM STDIN (FORMAT binary)", in);
  }

  /**
   * A hash of a table's content that does not depend on row order or storage: every row as text,
   * sorted, hashed together. Equal after a restore when the data is.
   */
  public static String contentHash(Connection connection, String table) throws SQLException {
    String t = quote(connection, table);
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*), coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '')"
                    + " FROM (SELECT x::text AS r FROM "
                    + t
                    + " x) rows")) {
      rs.next();
      return rs.getLong(1) + ":" + rs.getString(2);
    }
  }

  /** The positions of the schema's sequences. */
  public static List<SequenceState> sequences(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY 1")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    List<SequenceState> states = new ArrayList<>();
    for (String name : names) {
      try (Statement st = connection.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT last_value, is_called FROM " + quote(connection, name))) {
        rs.next();
        states.add(new SequenceState(name, rs.getLong(1), rs.getBoolean(2)));
      }
    }
    return states;
  }

  public static void restoreSequence(Connection connection, SequenceState state)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
      ps.setString(1, quote(connection, state.name()));
      ps.setLong(2, state.value());
      ps.setBoolean(3, state.called());
      ps.execute();
    }
  }

  /**
   * Empties the given tables in one statement. The audit log refuses TRUNCATE except inside a
   * transaction that set {@code hsystem.restore}: a restore replaces the whole chain with the
   * backup's, which verifies on its own.
   */
  public static void truncateAll(Connection connection, List<String> tables) throws SQLException {
    List<String> quoted = new ArrayList<>();
    for (String table : tables) {
      quoted.add(quote(connection, table));
    }
    try (Statement st = connection.createStatement()) {
      st.execute("SET LOCAL hsystem.restore = 'on'");
      st.execute("TRUNCATE " + String.join(", ", quoted) + " RESTART IDENTITY CASCADE");
    }
  }

  /** The latest successfully applied Flyway version, or null when the schema has none. */
  public static String schemaVersion(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT to_regclass('" + FLYWAY_TABLE + "') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return null; // an empty database: nothing migrated yet
      }
    }
    try (Statement st = connection.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version FROM "
                    + FLYWAY_TABLE
                    + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /**
   * Drops every table (Flyway's history too), sequence, view and function of the current schema, in
   * one transaction: the rollback of an update rebuilds the previous schema from its migrations.
   */
  public static void dropAll(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      List<String> drops = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT c.relkind, c.relname FROM pg_class c"
                  + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S')"
                  + " AND NOT c.relispartition")) {
        while (rs.next()) {
          String kind =
              switch (rs.getString(1)) {
                case "v" -> "VIEW";
                case "m" -> "MATERIALIZED VIEW";
                case "S" -> "SEQUENCE";
                default -> "TABLE";
              };
          drops.add(
              "DROP " + kind + " IF EXISTS " + quote(connection, rs.getString(2)) + " CASCADE");
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT p.oid::regprocedure::text FROM pg_proc p"
                  + " JOIN pg_namespace n ON n.oid = p.pronamespace"
                  + " WHERE n.nspname = current_schema()")) {
        while (rs.next()) {
          drops.add("DROP FUNCTION IF EXISTS " + rs.getString(1) + " CASCADE");
        }
      }
      // tables first: dropping them takes their owned sequences and triggers along
      drops.sort(java.util.Comparator.comparing(s -> s.startsWith("DROP TABLE") ? 0 : 1));
      st.execute("SET LOCAL hsystem.restore = 'on'");
      for (String drop : drops) {
        st.execute(drop);
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** Row counts and content hashes of all tables, for comparing two databases. */
  public static Map<String, String> fingerprint(Connection connection) throws SQLException {
    Map<String, String> result = new LinkedHashMap<>();
    for (String table : tables(connection)) {
      result.put(table, contentHash(connection, table));
    }
    return result;
  }

  private static CopyManager copyApi(Connection connection) throws SQLException {
    return connection.unwrap(PGConnection.class).getCopyAPI();
  }

  /** A quoted identifier; names come from pg_class, quoting keeps odd ones literal. */
  private static String quote(Connection connection, String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
