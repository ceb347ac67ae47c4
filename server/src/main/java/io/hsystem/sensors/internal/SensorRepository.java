package io.hsystem.sensors.internal;

import io.hsystem.shared.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL on {@code sensors} and {@code sensor_ca}. JSON columns travel as text. */
@Repository
public class SensorRepository {

  private final JdbcClient jdbc;

  public SensorRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Row(
      UUID id,
      String name,
      String hostname,
      Long assetId,
      String version,
      String sourceIp,
      Instant enrolledAt,
      String certSerial,
      Instant certExpiresAt,
      Instant revokedAt,
      Instant decommissionedAt,
      Instant lastSeen,
      long lastSeq,
      LocalDate eventsDay,
      long eventsToday,
      long eventsTotal,
      String config,
      long configVersion,
      long reportedConfigVersion,
      String reportedServices,
      String stats) {}

  public record NewSensor(
      UUID id,
      String name,
      String hostname,
      Long assetId,
      String version,
      String sourceIp,
      Long tokenId,
      String certSerial,
      String certFingerprint,
      Instant certExpiresAt) {}

  public void insert(NewSensor s, Instant now) {
    jdbc.sql(
            """
            INSERT INTO sensors (id, name, hostname, asset_id, version, source_ip,
                enrollment_token_id, enrolled_at, cert_serial, cert_fingerprint, cert_expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            s.id(),
            s.name(),
            s.hostname(),
            s.assetId(),
            s.version(),
            s.sourceIp(),
            s.tokenId(),
            Timestamp.from(now),
            s.certSerial(),
            s.certFingerprint(),
            Timestamp.from(s.certExpiresAt()))
        .update();
  }

  /** The server's own in-process sensor (single-server mode), when it exists. */
  public Optional<Row> findLocal() {
    return jdbc.sql("SELECT * FROM sensors WHERE local").query(SensorRepository::map).optional();
  }

  /** Creates the server's own sensor; it has no certificate, its events never cross a network. */
  public void insertLocal(
      UUID id, String name, String hostname, Long assetId, String version, Instant now) {
    jdbc.sql(
            """
            INSERT INTO sensors (id, name, hostname, asset_id, version, enrolled_at, local)
            VALUES (?, ?, ?, ?, ?, ?, true)
            """)
        .params(id, name, hostname, assetId, version, Timestamp.from(now))
        .update();
  }

  public List<Row> list() {
    return jdbc.sql("SELECT * FROM sensors ORDER BY enrolled_at, id")
        .query(SensorRepository::map)
        .list();
  }

  public Optional<Row> find(UUID id) {
    return jdbc.sql("SELECT * FROM sensors WHERE id = ?")
        .param(id)
        .query(SensorRepository::map)
        .optional();
  }

  public Optional<Row> findByFingerprint(String fingerprint) {
    return jdbc.sql("SELECT * FROM sensors WHERE cert_fingerprint = ?")
        .param(fingerprint)
        .query(SensorRepository::map)
        .optional();
  }

  /** The sensor's replay position, its row locked until the transaction ends. */
  public long lockLastSeq(UUID id) {
    return jdbc.sql("SELECT last_seq FROM sensors WHERE id = ? FOR UPDATE")
        .param(id)
        .query(Long.class)
        .single();
  }

  /** Advances the replay position and the event counters after a batch was taken in. */
  public void recordBatch(UUID id, long lastSeq, int accepted, LocalDate today, Instant now) {
    jdbc.sql(
            """
            UPDATE sensors SET last_seq = GREATEST(last_seq, :seq),
                events_today = CASE WHEN events_day = :today THEN events_today + :n ELSE :n END,
                events_day = :today,
                events_total = events_total + :n,
                last_seen = GREATEST(last_seen, :now)
             WHERE id = :id
            """)
        .param("seq", lastSeq)
        .param("today", today)
        .param("n", accepted)
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
  }

  public void recordHeartbeat(
      UUID id,
      String version,
      long reportedConfigVersion,
      String services,
      String stats,
      Instant now) {
    jdbc.sql(
            """
            UPDATE sensors SET version = ?, reported_config_version = ?,
                reported_services = CAST(? AS jsonb), stats = CAST(? AS jsonb),
                last_seen = GREATEST(last_seen, ?)
             WHERE id = ?
            """)
        .params(version, reportedConfigVersion, services, stats, Timestamp.from(now), id)
        .update();
  }

  /** Stores a new configuration and returns its version. */
  public long updateConfig(UUID id, String config) {
    return jdbc.sql(
            """
            UPDATE sensors SET config = CAST(? AS jsonb), config_version = config_version + 1
             WHERE id = ? RETURNING config_version
            """)
        .params(config, id)
        .query(Long.class)
        .single();
  }

  public void revoke(UUID id, Instant now) {
    jdbc.sql("UPDATE sensors SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")
        .params(Timestamp.from(now), id)
        .update();
  }

  public void decommission(UUID id, Instant now) {
    jdbc.sql(
            """
            UPDATE sensors SET revoked_at = COALESCE(revoked_at, ?),
                decommissioned_at = COALESCE(decommissioned_at, ?) WHERE id = ?
            """)
        .params(Timestamp.from(now), Timestamp.from(now), id)
        .update();
  }

  /** The stored CA as {@code [certificate PEM, encrypted key]}, if one was created. */
  public Optional<String[]> findCa() {
    return jdbc.sql("SELECT certificate, private_key FROM sensor_ca WHERE id = 1")
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
        .optional();
  }

  /** Stores the CA unless another instance stored one first; returns whether this one won. */
  public boolean insertCa(String certificatePem, String encryptedKey, Instant now) {
    return jdbc.sql(
                """
                INSERT INTO sensor_ca (id, certificate, private_key, created_at)
                VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """)
            .params(certificatePem, encryptedKey, Timestamp.from(now))
            .update()
        == 1;
  }

  private static Row map(ResultSet rs, int n) throws SQLException {
    java.sql.Date day = rs.getDate("events_day");
    return new Row(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("hostname"),
        rs.getObject("asset_id", Long.class),
        rs.getString("version"),
        rs.getString("source_ip"),
        Sql.instant(rs.getTimestamp("enrolled_at")),
        rs.getString("cert_serial"),
        Sql.instant(rs.getTimestamp("cert_expires_at")),
        Sql.instant(rs.getTimestamp("revoked_at")),
        Sql.instant(rs.getTimestamp("decommissioned_at")),
        Sql.instant(rs.getTimestamp("last_seen")),
        rs.getLong("last_seq"),
        day == null ? null : day.toLocalDate(),
        rs.getLong("events_today"),
        rs.getLong("events_total"),
        rs.getString("config"),
        rs.getLong("config_version"),
        rs.getLong("reported_config_version"),
        rs.getString("reported_services"),
        rs.getString("stats"));
  }
}
