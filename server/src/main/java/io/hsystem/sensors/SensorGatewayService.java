package io.hsystem.sensors;

import io.hsystem.assets.AssetService;
import io.hsystem.assets.AssetType;
import io.hsystem.assets.HostRef;
import io.hsystem.assets.ManagedBy;
import io.hsystem.audit.AuditContext;
import io.hsystem.ingest.IngestProblem;
import io.hsystem.ingest.IngestProperties;
import io.hsystem.ingest.IngestResult;
import io.hsystem.ingest.IngestService;
import io.hsystem.protocol.SourceType;
import io.hsystem.sensors.internal.ConfigCodec;
import io.hsystem.sensors.internal.EnrollmentTokenRepository;
import io.hsystem.sensors.internal.FailureLimiter;
import io.hsystem.sensors.internal.SensorCa;
import io.hsystem.sensors.internal.SensorRepository;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.IpAddresses;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What sensors do on the gateway: enroll with a one-time token, ship event batches and send
 * heartbeats. Batches are de-duplicated by the sensor's sequence numbers: records at or below the
 * last sequence taken in are counted as duplicates and dropped, so replays after a lost answer do
 * not store an event twice (ADR 012 states the exact guarantee).
 */
@Service
public class SensorGatewayService {

  static final int MAX_TEXT = 255;
  static final int MAX_REPORT_JSON = 16_384;

  private final SensorRepository sensors;
  private final EnrollmentTokenRepository tokens;
  private final SensorCa ca;
  private final AssetService assets;
  private final IngestService ingest;
  private final IngestProperties ingestProperties;
  private final SensorsProperties properties;
  private final ConfigCodec codec;
  private final FailureLimiter failures;
  private final JsonMapper json;
  private final Clock clock;

  SensorGatewayService(
      SensorRepository sensors,
      EnrollmentTokenRepository tokens,
      SensorCa ca,
      AssetService assets,
      IngestService ingest,
      IngestProperties ingestProperties,
      SensorsProperties properties,
      ConfigCodec codec,
      FailureLimiter failures,
      JsonMapper json,
      Clock clock) {
    this.sensors = sensors;
    this.tokens = tokens;
    this.ca = ca;
    this.assets = assets;
    this.ingest = ingest;
    this.ingestProperties = ingestProperties;
    this.properties = properties;
    this.codec = codec;
    this.failures = failures;
    this.json = json;
    this.clock = clock;
  }

  /** An enrollment request: the token, how the sensor names itself, and its PKCS#10 CSR in PEM. */
  public record Enrollment(
      String token, String name, String hostname, String version, String csr) {}

  /**
   * What an enrolled sensor keeps.
   *
   * @param certificatePem its client certificate
   * @param caCertificatePem the sensor CA, which it trusts from now on
   * @param config its configuration, or null when none was set yet
   */
  public record Enrolled(
      UUID sensorId,
      Long assetId,
      String certificatePem,
      String caCertificatePem,
      SensorConfig config,
      Duration heartbeatInterval) {}

  /** The sensor behind a gateway request, from its client certificate. */
  public record SensorIdentity(UUID id, Long assetId) {}

  /**
   * The answer to a batch.
   *
   * @param accepted records new to the server and now durable
   * @param duplicates records at or below the last sequence number already taken in
   * @param rejectedCount records refused (no usable {@code sensor_seq}, or refused by ingest)
   * @param rejected the first refused records with their sequence number (0 when none) and reason
   * @param lastSeq the highest sequence number the server has taken in from this sensor
   */
  public record EventsReceipt(
      int accepted, int duplicates, int rejectedCount, List<Rejection> rejected, long lastSeq) {

    /** One refused record. */
    public record Rejection(long sensorSeq, String reason) {}
  }

  /**
   * A heartbeat.
   *
   * @param configVersion the configuration version the sensor runs (0: its local defaults)
   * @param services what it runs, reported verbatim
   * @param stats its shipper's figures, reported verbatim
   */
  public record Heartbeat(
      String version, long configVersion, List<Object> services, Map<String, Object> stats) {}

  /** The answer to a heartbeat: the current version, and the configuration when it is newer. */
  public record HeartbeatReply(long configVersion, SensorConfig config) {}

  /**
   * Enrolls a sensor: checks the token (one use), the CSR (proof of possession of an EC P-256 key),
   * creates the sensor's {@code honeypot} asset and issues its client certificate. Failures are
   * counted per source address; too many get 429.
   */
  @Transactional
  public Enrolled enroll(Enrollment request, String sourceIp) {
    long wait = failures.retryAfterSeconds(sourceIp);
    if (wait > 0) {
      throw new ApiException(
          SensorProblem.ENROLLMENT_RATE_LIMITED,
          "too many failed enrollments from " + sourceIp + "; retry later",
          List.of(),
          Map.of("retry_after", wait));
    }
    try {
      return doEnroll(request, sourceIp);
    } catch (ApiException e) {
      failures.failed(sourceIp);
      throw e;
    }
  }

  private Enrolled doEnroll(Enrollment request, String sourceIp) {
    String token = request.token() == null ? "" : request.token().trim();
    int dot = token.lastIndexOf('.');
    String secret = dot < 0 ? token : token.substring(0, dot);
    if (!secret.startsWith(EnrollmentTokenService.PREFIX) || secret.length() > 128) {
      throw new ApiException(SensorProblem.TOKEN_INVALID, "the enrollment token is not valid");
    }
    String name = text("name", request.name(), 128, true);
    String hostname = text("hostname", request.hostname(), MAX_TEXT, true);
    String version = text("version", request.version(), 64, false);
    EnrollmentTokenRepository.Row row =
        tokens
            .lockByHash(EnrollmentTokenService.hash(secret))
            .orElseThrow(
                () ->
                    new ApiException(
                        SensorProblem.TOKEN_INVALID, "the enrollment token is not valid"));
    Instant now = clock.instant();
    AuditContext.detail("enrollment_token_id", row.id());
    if (row.revokedAt() != null) {
      throw new ApiException(SensorProblem.TOKEN_REVOKED, "the enrollment token was revoked");
    }
    if (row.usedAt() != null) {
      throw new ApiException(
          SensorProblem.TOKEN_USED, "the enrollment token was used already; create a new one");
    }
    if (!row.expiresAt().isAfter(now)) {
      throw new ApiException(
          SensorProblem.TOKEN_EXPIRED, "the enrollment token has expired; create a new one");
    }
    SensorCa.Csr csr;
    try {
      csr = SensorCa.parseCsr(request.csr());
    } catch (IllegalArgumentException e) {
      throw new ApiException(SensorProblem.CSR_INVALID, "csr: " + e.getMessage());
    }
    UUID id = UUID.randomUUID();
    String ip = sourceIp != null && IpAddresses.isValid(sourceIp) ? sourceIp : null;
    Long assetId =
        assets
            .resolveHosts(
                List.of(
                    new HostRef(id.toString(), hostname, ip, AssetType.HONEYPOT, ManagedBy.SENSOR)))
            .values()
            .iterator()
            .next();
    X509Certificate certificate =
        ca.issueClient(csr.publicKey(), id.toString(), properties.certificateValidity());
    sensors.insert(
        new SensorRepository.NewSensor(
            id,
            name,
            hostname,
            assetId,
            version,
            ip,
            row.id(),
            certificate.getSerialNumber().toString(16),
            SensorCa.fingerprint(certificate),
            certificate.getNotAfter().toInstant()),
        now);
    tokens.markUsed(row.id(), id, now);
    assets.recordCheckins(Map.of(assetId, now));
    AuditContext.target(id);
    AuditContext.detail("name", name);
    AuditContext.detail("hostname", hostname);
    AuditContext.detail("asset_id", assetId);
    return new Enrolled(
        id,
        assetId,
        SensorCa.pem(certificate),
        ca.certificatePem(),
        null,
        properties.heartbeatInterval());
  }

  /**
   * The server's own in-process sensor (single-server mode): created with its {@code honeypot}
   * asset on first use, then the same row at every start. It sends events and heartbeats through
   * {@link #events} and {@link #heartbeat} like any sensor, without the network in between.
   */
  @Transactional
  public SensorIdentity localSensor(String hostname, String version) {
    Optional<SensorRepository.Row> existing = sensors.findLocal();
    if (existing.isPresent()) {
      SensorRepository.Row row = existing.get();
      if (row.revokedAt() != null || row.decommissionedAt() != null) {
        return null;
      }
      return new SensorIdentity(row.id(), row.assetId());
    }
    UUID id = UUID.randomUUID();
    Long assetId =
        assets
            .resolveHosts(
                List.of(
                    new HostRef(
                        id.toString(), hostname, null, AssetType.HONEYPOT, ManagedBy.SENSOR)))
            .values()
            .iterator()
            .next();
    Instant now = clock.instant();
    sensors.insertLocal(id, "local", hostname, assetId, version, now);
    assets.recordCheckins(Map.of(assetId, now));
    return new SensorIdentity(id, assetId);
  }

  /**
   * The sensor whose client certificate this is.
   *
   * @throws ApiException 401 {@code sensor_certificate_required} without a certificate of ours, 403
   *     {@code sensor_revoked} for a revoked or decommissioned sensor
   */
  @Transactional(readOnly = true)
  public SensorIdentity authenticate(X509Certificate[] chain) {
    if (chain == null || chain.length == 0 || !ca.issued(chain[0])) {
      throw new ApiException(
          SensorProblem.CERTIFICATE_REQUIRED,
          "present the client certificate issued at enrollment");
    }
    SensorRepository.Row row =
        sensors
            .findByFingerprint(SensorCa.fingerprint(chain[0]))
            .orElseThrow(
                () ->
                    new ApiException(
                        SensorProblem.CERTIFICATE_REQUIRED, "the client certificate is unknown"));
    if (row.revokedAt() != null || row.decommissionedAt() != null) {
      throw new ApiException(
          SensorProblem.REVOKED, "this sensor's credentials were revoked; enroll it again");
    }
    return new SensorIdentity(row.id(), row.assetId());
  }

  /**
   * Takes in one batch: NDJSON records of the sensor's native form, each with a positive {@code
   * sensor_seq}, in increasing order. Records at or below the stored position are duplicates; the
   * rest go through ingest as {@code hsystem_sensor} events with the sensor's {@code sensor_id} and
   * {@code asset_id}, and the position advances. The sensor's row is locked meanwhile, so two
   * concurrent batches of one sensor cannot both take the same records in.
   *
   * @throws ApiException 503 with Retry-After when ingest is saturated (nothing taken in)
   */
  @Transactional
  public EventsReceipt events(SensorIdentity sensor, InputStream body, boolean gzip) {
    byte[] bytes = read(body, gzip);
    long last = sensors.lockLastSeq(sensor.id());
    String sensorId = sensor.id().toString();
    ByteArrayOutputStream kept = new ByteArrayOutputStream(bytes.length + 1024);
    List<Long> keptSeqs = new ArrayList<>();
    List<EventsReceipt.Rejection> rejected = new ArrayList<>();
    int rejectedCount = 0;
    int duplicates = 0;
    long highest = last;
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] != '\n') {
        continue;
      }
      String line = new String(bytes, start, i - start, StandardCharsets.UTF_8).strip();
      start = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      long seq = 0;
      String reason = null;
      JsonNode record = null;
      try {
        record = json.readTree(line);
        JsonNode seqNode = record.get("sensor_seq");
        if (!record.isObject()) {
          reason = "not a JSON object";
        } else if (seqNode == null || !seqNode.isIntegralNumber() || seqNode.asLong() < 1) {
          reason = "sensor_seq: missing or not a positive integer";
        } else {
          seq = seqNode.asLong();
        }
      } catch (JacksonException e) {
        reason = "not valid JSON";
      }
      if (reason != null) {
        rejectedCount++;
        if (rejected.size() < IngestResult.MAX_LISTED) {
          rejected.add(new EventsReceipt.Rejection(seq, reason));
        }
        continue;
      }
      if (seq <= highest) {
        duplicates++;
        continue;
      }
      highest = seq;
      ((ObjectNode) record).put("sensor_id", sensorId);
      kept.writeBytes(json.writeValueAsBytes(record));
      kept.write('\n');
      keptSeqs.add(seq);
    }
    int accepted = 0;
    if (!keptSeqs.isEmpty()) {
      IngestResult result =
          ingest.ingest(
              SourceType.HSYSTEM_SENSOR,
              sensor.assetId(),
              new ByteArrayInputStream(kept.toByteArray()),
              false);
      accepted = result.accepted();
      rejectedCount += result.rejectedCount();
      for (IngestResult.Rejection r : result.rejected()) {
        if (rejected.size() < IngestResult.MAX_LISTED) {
          rejected.add(new EventsReceipt.Rejection(keptSeqs.get(r.index()), r.reason()));
        }
      }
    }
    Instant now = clock.instant();
    if (highest > last || accepted > 0) {
      sensors.recordBatch(
          sensor.id(), highest, accepted, LocalDate.ofInstant(now, ZoneOffset.UTC), now);
    }
    return new EventsReceipt(accepted, duplicates, rejectedCount, rejected, highest);
  }

  /**
   * Records a heartbeat (version, services, shipper figures, last seen, the asset's check-in) and
   * answers with the configuration when the server's is newer than the sensor's.
   */
  @Transactional
  public HeartbeatReply heartbeat(SensorIdentity sensor, Heartbeat report) {
    String version = text("version", report.version(), 64, false);
    String services = codec.writeValue(report.services() == null ? List.of() : report.services());
    String stats = codec.writeValue(report.stats() == null ? Map.of() : report.stats());
    if (services.length() > MAX_REPORT_JSON) {
      throw ApiException.badField("services", "at most " + MAX_REPORT_JSON + " characters");
    }
    if (stats.length() > MAX_REPORT_JSON) {
      throw ApiException.badField("stats", "at most " + MAX_REPORT_JSON + " characters");
    }
    Instant now = clock.instant();
    sensors.recordHeartbeat(
        sensor.id(), version, Math.max(0, report.configVersion()), services, stats, now);
    if (sensor.assetId() != null) {
      assets.recordCheckins(Map.of(sensor.assetId(), now));
    }
    SensorRepository.Row row = sensors.find(sensor.id()).orElseThrow();
    SensorConfig config =
        row.configVersion() > report.configVersion()
            ? codec.read(row.config(), row.configVersion())
            : null;
    return new HeartbeatReply(row.configVersion(), config);
  }

  private static String text(String field, String value, int max, boolean required) {
    String v = value == null ? null : value.strip();
    if (v == null || v.isEmpty()) {
      if (required) {
        throw ApiException.badField(field, "is required");
      }
      return null;
    }
    if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badField(field, "at most " + max + " printable characters");
    }
    return v;
  }

  private byte[] read(InputStream body, boolean gzip) {
    try {
      byte[] wire = readCapped(body, ingestProperties.maxBodyBytes(), "the body");
      if (!gzip) {
        return wire;
      }
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
        return readCapped(in, ingestProperties.maxDecompressedBytes(), "the decompressed body");
      }
    } catch (ZipException e) {
      throw new ApiException(IngestProblem.BAD_ENCODING, "the body is not valid gzip");
    } catch (IOException e) {
      throw new ApiException(IngestProblem.BAD_ENCODING, "the body could not be read");
    }
  }

  private static byte[] readCapped(InputStream in, long max, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > max) {
        throw new ApiException(IngestProblem.TOO_LARGE, what + " is larger than " + max + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
