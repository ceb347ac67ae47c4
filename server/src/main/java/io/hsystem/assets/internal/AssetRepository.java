package io.hsystem.assets.internal;

import io.hsystem.shared.Sql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code assets}. Effective status is computed in SQL so that it can be filtered on. */
@Repository
public class AssetRepository {

  /** Derived status: agent/sensor assets are online while they check in, unless decommissioned. */
  private static final String EFFECTIVE_STATUS =
      """
      CASE WHEN managed_by <> 'manual' AND status <> 'decommissioned'
           THEN CASE WHEN last_checkin >= :online_since THEN 'online' ELSE 'offline' END
           ELSE status END
      """;

  private final JdbcClient jdbc;

  public AssetRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored asset; {@code status} is already the effective one. */
  public record Row(
      long id,
      String name,
      String ip,
      String type,
      String os,
      String status,
      Instant lastCheckin,
      String managedBy,
      String hostName,
      String description,
      List<String> tags,
      Instant createdAt,
      Instant updatedAt) {}

  /** Stored fields written by create and update. */
  public record Fields(
      String name,
      String ip,
      String type,
      String os,
      String status,
      String hostName,
      String description,
      List<String> tags) {}

  public record Filter(String type, String status, String text) {}

  public long count(Filter filter, Instant onlineSince) {
    var spec = jdbc.sql("SELECT count(*) FROM assets" + where(filter));
    return bind(spec, filter, onlineSince).query(Long.class).single();
  }

  public List<Row> list(Filter filter, Instant onlineSince, int limit, long offset) {
    var spec =
        jdbc.sql(select() + where(filter) + " ORDER BY id LIMIT :limit OFFSET :offset")
            .param("limit", limit)
            .param("offset", offset);
    return bind(spec, filter, onlineSince).query(AssetRepository::map).list();
  }

  public Optional<Row> find(long id, Instant onlineSince) {
    return jdbc.sql(select() + " WHERE id = :id")
        .param("id", id)
        .param("online_since", Timestamp.from(onlineSince))
        .query(AssetRepository::map)
        .optional();
  }

  public boolean exists(long id) {
    return jdbc.sql("SELECT count(*) FROM assets WHERE id = ?").param(id).query(Long.class).single()
        > 0;
  }

  public long insert(Fields f, Instant now) {
    return jdbc.sql(
            """
            INSERT INTO assets (name, ip, type, os, status, host_name, description, tags,
                created_at, updated_at)
            VALUES (:name, CAST(:ip AS inet), :type, :os, :status, :host_name, :description,
                :tags, :now, :now)
            RETURNING id
            """)
        .params(params(f, now))
        .query(Long.class)
        .single();
  }

  public boolean update(long id, Fields f, Instant now) {
    return jdbc.sql(
                """
                UPDATE assets SET name = :name, ip = CAST(:ip AS inet), type = :type, os = :os,
                    status = :status, host_name = :host_name, description = :description,
                    tags = :tags, updated_at = :now
                 WHERE id = :id
                """)
            .params(withId(params(f, now), id))
            .update()
        == 1;
  }

  /** Existing assets of the hosts, keyed by {@link io.hsystem.assets.HostRef#key()}. */
  public java.util.Map<String, Long> findByIdentity(
      java.util.Collection<io.hsystem.assets.HostRef> hosts) {
    java.util.Map<String, Long> found = new java.util.HashMap<>();
    List<String> agents = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    for (var host : hosts) {
      if (host.agentId() != null) {
        agents.add(host.agentId());
      } else if (host.hostName() != null) {
        names.add(host.hostName().toLowerCase(java.util.Locale.ROOT));
      } else if (host.ip() != null && io.hsystem.shared.IpAddresses.isValid(host.ip())) {
        ips.add(host.ip());
      }
    }
    if (!agents.isEmpty()) {
      jdbc.sql("SELECT id, agent_id FROM assets WHERE agent_id = ANY(?)")
          .param(agents.toArray(String[]::new))
          .query((rs, n) -> found.put("agent:" + rs.getString(2), rs.getLong(1)))
          .list();
    }
    if (!names.isEmpty()) {
      jdbc.sql(
              "SELECT min(id), lower(host_name) FROM assets WHERE lower(host_name) = ANY(?)"
                  + " GROUP BY lower(host_name)")
          .param(names.toArray(String[]::new))
          .query((rs, n) -> found.put("host:" + rs.getString(2), rs.getLong(1)))
          .list();
    }
    if (!ips.isEmpty()) {
      jdbc.sql(
              "SELECT min(id), host(ip) FROM assets WHERE ip = ANY(CAST(? AS inet[])) GROUP BY host(ip)")
          .param(ips.toArray(String[]::new))
          .query((rs, n) -> found.put("ip:" + rs.getString(2), rs.getLong(1)))
          .list();
    }
    return found;
  }

  public long insertDiscovered(
      String name,
      String ip,
      String type,
      String managedBy,
      String hostName,
      String agentId,
      Instant now) {
    return jdbc.sql(
            """
            INSERT INTO assets (name, ip, type, managed_by, host_name, agent_id, last_checkin,
                created_at, updated_at)
            VALUES (?, CAST(? AS inet), ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """)
        .params(
            name,
            ip,
            type,
            managedBy,
            hostName,
            agentId,
            Timestamp.from(now),
            Timestamp.from(now),
            Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  /** Moves last_checkin forward (never back) for many assets in one statement. */
  public void updateCheckins(java.util.Map<Long, Instant> lastSeen) {
    Long[] ids = lastSeen.keySet().toArray(Long[]::new);
    String[] times = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      times[i] = lastSeen.get(ids[i]).toString();
    }
    jdbc.sql(
            """
            UPDATE assets a SET last_checkin = GREATEST(a.last_checkin, v.seen)
              FROM unnest(CAST(? AS bigint[]), CAST(? AS timestamptz[])) AS v(id, seen)
             WHERE a.id = v.id
            """)
        .params(ids, times)
        .update();
  }

  public boolean delete(long id) {
    return jdbc.sql("DELETE FROM assets WHERE id = ?").param(id).update() == 1;
  }

  private static java.util.Map<String, Object> params(Fields f, Instant now) {
    var map = new java.util.HashMap<String, Object>();
    map.put("name", f.name());
    map.put("ip", f.ip());
    map.put("type", f.type());
    map.put("os", f.os());
    map.put("status", f.status());
    map.put("host_name", f.hostName());
    map.put("description", f.description());
    map.put("tags", f.tags().toArray(String[]::new));
    map.put("now", Timestamp.from(now));
    return map;
  }

  private static java.util.Map<String, Object> withId(java.util.Map<String, Object> map, long id) {
    map.put("id", id);
    return map;
  }

  private static String select() {
    return "SELECT id, name, host(ip) AS ip, type, os, "
        + EFFECTIVE_STATUS
        + " AS status, last_checkin, managed_by, host_name, description, tags, created_at,"
        + " updated_at FROM assets";
  }

  private static String where(Filter f) {
    List<String> clauses = new ArrayList<>();
    if (f.type() != null) {
      clauses.add("type = :type");
    }
    if (f.status() != null) {
      clauses.add("(" + EFFECTIVE_STATUS + ") = :status");
    }
    if (f.text() != null) {
      clauses.add("(name ILIKE :text OR host_name ILIKE :text" + " OR host(ip) LIKE :text)");
    }
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  private static JdbcClient.StatementSpec bind(
      JdbcClient.StatementSpec spec, Filter f, Instant onlineSince) {
    spec = spec.param("online_since", Timestamp.from(onlineSince));
    if (f.type() != null) {
      spec = spec.param("type", f.type());
    }
    if (f.status() != null) {
      spec = spec.param("status", f.status());
    }
    if (f.text() != null) {
      spec = spec.param("text", Sql.containsPattern(f.text()));
    }
    return spec;
  }

  private static Row map(ResultSet rs, int n) throws SQLException {
    Array tags = rs.getArray("tags");
    return new Row(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("ip"),
        rs.getString("type"),
        rs.getString("os"),
        rs.getString("status"),
        Sql.instant(rs.getTimestamp("last_checkin")),
        rs.getString("managed_by"),
        rs.getString("host_name"),
        rs.getString("description"),
        tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
        Sql.instant(rs.getTimestamp("created_at")),
        Sql.instant(rs.getTimestamp("updated_at")));
  }
}
