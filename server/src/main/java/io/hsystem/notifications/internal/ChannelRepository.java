package io.hsystem.notifications.internal;

import io.hsystem.alerts.AlertChanged;
import io.hsystem.notifications.ChannelFilter;
import io.hsystem.notifications.ChannelType;
import io.hsystem.notifications.RateLimit;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Severity;
import io.hsystem.shared.Sql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code notification_channels} and {@code notification_channel_stats}. */
@Repository
public class ChannelRepository {

  private static final String SELECT =
      "SELECT c.*, c.settings::text AS settings_text FROM notification_channels c";

  private final JdbcClient jdbc;

  public ChannelRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A channel row; equal rows mean an unchanged channel. */
  public record Row(
      long id,
      String name,
      String type,
      boolean enabled,
      String minSeverity,
      List<String> alertKinds,
      List<String> ruleIds,
      List<String> alertTypes,
      int perMinute,
      int burst,
      String settings,
      String target,
      String secrets,
      List<String> secretNames,
      String createdBy,
      Instant createdAt,
      String updatedBy,
      Instant updatedAt) {

    public ChannelType channelType() {
      return Enums.parse(ChannelType.class, "type", type);
    }

    public ChannelFilter filter() {
      return new ChannelFilter(
          Severity.parse("min_severity", minSeverity),
          alertKinds.stream()
              .map(k -> Enums.parse(AlertChanged.Kind.class, "kinds", k))
              .collect(Collectors.toSet()),
          ruleIds,
          alertTypes);
    }

    public RateLimit rateLimit() {
      return new RateLimit(perMinute, burst);
    }
  }

  /** What is written for a channel; {@code secrets} is the sealed value or null. */
  public record Values(
      String name,
      String type,
      boolean enabled,
      String minSeverity,
      List<String> alertKinds,
      List<String> ruleIds,
      List<String> alertTypes,
      int perMinute,
      int burst,
      String settings,
      String target,
      String secrets,
      List<String> secretNames) {}

  public record StatsRow(
      long channelId,
      long sent,
      long failed,
      long rateLimited,
      String lastError,
      Instant lastErrorAt,
      Instant lastSuccessAt) {}

  public List<Row> all() {
    return jdbc.sql(SELECT + " ORDER BY c.id").query(ChannelRepository::row).list();
  }

  public List<Row> enabled() {
    return jdbc.sql(SELECT + " WHERE c.enabled ORDER BY c.id").query(ChannelRepository::row).list();
  }

  public Optional<Row> find(long id) {
    return jdbc.sql(SELECT + " WHERE c.id = ?").param(id).query(ChannelRepository::row).optional();
  }

  public boolean isEnabled(long id) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM notification_channels WHERE id = ? AND enabled)")
        .param(id)
        .query(Boolean.class)
        .single();
  }

  /** Whether another channel than {@code exceptId} has this name, ignoring case. */
  public boolean nameTaken(String name, long exceptId) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM notification_channels WHERE lower(name) = lower(?)"
                + " AND id <> ?)")
        .params(name, exceptId)
        .query(Boolean.class)
        .single();
  }

  /** Inserts the channel and its zeroed counters; returns its id. */
  public long insert(Values v, String actor, Instant now) {
    long id =
        jdbc.sql(
                """
                INSERT INTO notification_channels (name, type, enabled, min_severity, alert_kinds,
                    rule_ids, alert_types, rate_per_minute, rate_burst, settings, target, secrets,
                    secret_names, created_by, created_at, updated_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """)
            .params(
                v.name(),
                v.type(),
                v.enabled(),
                v.minSeverity(),
                array(v.alertKinds()),
                array(v.ruleIds()),
                array(v.alertTypes()),
                v.perMinute(),
                v.burst(),
                v.settings(),
                v.target(),
                v.secrets(),
                array(v.secretNames()),
                actor,
                Timestamp.from(now),
                actor,
                Timestamp.from(now))
            .query(Long.class)
            .single();
    jdbc.sql("INSERT INTO notification_channel_stats (channel_id) VALUES (?)").param(id).update();
    return id;
  }

  public boolean update(long id, Values v, String actor, Instant now) {
    return jdbc.sql(
                """
                UPDATE notification_channels SET name = ?, type = ?, enabled = ?,
                    min_severity = ?, alert_kinds = ?, rule_ids = ?, alert_types = ?,
                    rate_per_minute = ?, rate_burst = ?, settings = ?::jsonb, target = ?,
                    secrets = ?, secret_names = ?, updated_by = ?, updated_at = ?
                WHERE id = ?
                """)
            .params(
                v.name(),
                v.type(),
                v.enabled(),
                v.minSeverity(),
                array(v.alertKinds()),
                array(v.ruleIds()),
                array(v.alertTypes()),
                v.perMinute(),
                v.burst(),
                v.settings(),
                v.target(),
                v.secrets(),
                array(v.secretNames()),
                actor,
                Timestamp.from(now),
                id)
            .update()
        == 1;
  }

  public boolean delete(long id) {
    return jdbc.sql("DELETE FROM notification_channels WHERE id = ?").param(id).update() == 1;
  }

  public List<StatsRow> stats() {
    return jdbc.sql("SELECT * FROM notification_channel_stats ORDER BY channel_id")
        .query(ChannelRepository::statsRow)
        .list();
  }

  public Optional<StatsRow> stats(long channelId) {
    return jdbc.sql("SELECT * FROM notification_channel_stats WHERE channel_id = ?")
        .param(channelId)
        .query(ChannelRepository::statsRow)
        .optional();
  }

  public void recordSent(long channelId, Instant at) {
    jdbc.sql(
            "UPDATE notification_channel_stats SET sent = sent + 1, last_success_at = ?"
                + " WHERE channel_id = ?")
        .params(Timestamp.from(at), channelId)
        .update();
  }

  public void recordFailed(long channelId, String error, Instant at) {
    jdbc.sql(
            "UPDATE notification_channel_stats SET failed = failed + 1, last_error = ?,"
                + " last_error_at = ? WHERE channel_id = ?")
        .params(error, Timestamp.from(at), channelId)
        .update();
  }

  public void recordRateLimited(long channelId, int alerts) {
    jdbc.sql(
            "UPDATE notification_channel_stats SET rate_limited = rate_limited + ?"
                + " WHERE channel_id = ?")
        .params(alerts, channelId)
        .update();
  }

  private static String[] array(List<String> values) {
    return values.toArray(String[]::new);
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("type"),
        rs.getBoolean("enabled"),
        rs.getString("min_severity"),
        strings(rs.getArray("alert_kinds")),
        strings(rs.getArray("rule_ids")),
        strings(rs.getArray("alert_types")),
        rs.getInt("rate_per_minute"),
        rs.getInt("rate_burst"),
        rs.getString("settings_text"),
        rs.getString("target"),
        rs.getString("secrets"),
        strings(rs.getArray("secret_names")),
        rs.getString("created_by"),
        Sql.instant(rs.getTimestamp("created_at")),
        rs.getString("updated_by"),
        Sql.instant(rs.getTimestamp("updated_at")));
  }

  private static StatsRow statsRow(ResultSet rs, int n) throws SQLException {
    return new StatsRow(
        rs.getLong("channel_id"),
        rs.getLong("sent"),
        rs.getLong("failed"),
        rs.getLong("rate_limited"),
        rs.getString("last_error"),
        Sql.instant(rs.getTimestamp("last_error_at")),
        Sql.instant(rs.getTimestamp("last_success_at")));
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
