package io.hsystem.hunting.internal;

import io.hsystem.hunting.HuntingTemplate;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code hunting_templates}; its rows are the public read model as they are. */
@Repository
public class TemplateRepository {

  private final JdbcClient jdbc;

  public TemplateRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<HuntingTemplate> list() {
    return jdbc.sql("SELECT * FROM hunting_templates ORDER BY builtin DESC, id")
        .query(TemplateRepository::map)
        .list();
  }

  public Optional<HuntingTemplate> find(long id) {
    return jdbc.sql("SELECT * FROM hunting_templates WHERE id = ?")
        .param(id)
        .query(TemplateRepository::map)
        .optional();
  }

  public Optional<HuntingTemplate> findByName(String name) {
    return jdbc.sql("SELECT * FROM hunting_templates WHERE lower(name) = lower(?)")
        .param(name)
        .query(TemplateRepository::map)
        .optional();
  }

  public long insert(
      String name,
      String description,
      String query,
      List<String> tactics,
      List<String> techniques,
      Long createBy,
      boolean builtin,
      Instant now) {
    return jdbc.sql(
            """
            INSERT INTO hunting_templates (name, description, query, tactics, techniques, create_by,
                builtin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """)
        .params(
            name,
            description,
            query,
            tactics.toArray(String[]::new),
            techniques.toArray(String[]::new),
            createBy,
            builtin,
            Timestamp.from(now),
            Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  public void update(
      long id,
      String name,
      String description,
      String query,
      List<String> tactics,
      List<String> techniques,
      Instant now) {
    jdbc.sql(
            """
            UPDATE hunting_templates SET name = ?, description = ?, query = ?, tactics = ?,
                techniques = ?, updated_at = ? WHERE id = ?
            """)
        .params(
            name,
            description,
            query,
            tactics.toArray(String[]::new),
            techniques.toArray(String[]::new),
            Timestamp.from(now),
            id)
        .update();
  }

  public void delete(long id) {
    jdbc.sql("DELETE FROM hunting_templates WHERE id = ?").param(id).update();
  }

  private static HuntingTemplate map(ResultSet rs, int n) throws SQLException {
    return new HuntingTemplate(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("query"),
        strings(rs.getArray("tactics")),
        strings(rs.getArray("techniques")),
        rs.getObject("create_by", Long.class),
        rs.getBoolean("builtin"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
