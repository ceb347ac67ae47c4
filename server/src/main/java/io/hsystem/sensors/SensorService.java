package io.hsystem.sensors;

import io.hsystem.assets.Asset;
import io.hsystem.assets.AssetDraft;
import io.hsystem.assets.AssetService;
import io.hsystem.assets.AssetStatus;
import io.hsystem.audit.AuditContext;
import io.hsystem.sensors.internal.ConfigCodec;
import io.hsystem.sensors.internal.SensorRepository;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.CommonProblem;
import io.hsystem.shared.FieldProblem;
import io.hsystem.shared.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sensors' admin façade: list and read enrolled sensors, set the services they run (the sensor
 * picks the change up at its next heartbeat), revoke their credentials, decommission them.
 */
@Service
public class SensorService {

  static final int MAX_SERVICES = 32;
  static final int MAX_BANNER = 512;
  static final int MAX_OPTIONS_JSON = 4096;

  private final SensorRepository repository;
  private final AssetService assets;
  private final ConfigCodec codec;
  private final SensorsProperties properties;
  private final Clock clock;

  SensorService(
      SensorRepository repository,
      AssetService assets,
      ConfigCodec codec,
      SensorsProperties properties,
      Clock clock) {
    this.repository = repository;
    this.assets = assets;
    this.codec = codec;
    this.properties = properties;
    this.clock = clock;
  }

  /** Every sensor, decommissioned ones included, oldest enrollment first. */
  @Transactional(readOnly = true)
  public Page<Sensor> list() {
    Instant now = clock.instant();
    List<Sensor> items = repository.list().stream().map(r -> toSensor(r, now)).toList();
    return new Page<>(items.size(), items);
  }

  @Transactional(readOnly = true)
  public Sensor get(UUID id) {
    return toSensor(row(id), clock.instant());
  }

  /**
   * Replaces the services a sensor should run and bumps its configuration version.
   *
   * @throws ApiException 400 listing every invalid entry: unknown service names, ports outside
   *     1–65535 or used twice, banners over {@value #MAX_BANNER} characters, options over {@value
   *     #MAX_OPTIONS_JSON} characters of JSON
   */
  @Transactional
  public Sensor updateConfig(UUID id, List<ServiceConfig> services) {
    SensorRepository.Row row = row(id);
    List<ServiceConfig> clean = validate(services);
    long version = repository.updateConfig(row.id(), codec.write(clean));
    AuditContext.detail("config_version", version);
    AuditContext.detail(
        "services", clean.stream().map(s -> s.name() + ":" + s.port()).toList().toString());
    return get(id);
  }

  /** Stops accepting the sensor's certificate; its events and asset stay. */
  @Transactional
  public void revoke(UUID id) {
    SensorRepository.Row row = row(id);
    AuditContext.detail("name", row.name());
    repository.revoke(id, clock.instant());
  }

  /** Revokes the sensor and marks its asset decommissioned; the records stay for history. */
  @Transactional
  public void decommission(UUID id) {
    SensorRepository.Row row = row(id);
    AuditContext.detail("name", row.name());
    repository.decommission(id, clock.instant());
    if (row.assetId() != null && assets.exists(row.assetId())) {
      Asset a = assets.get(row.assetId());
      assets.update(
          a.id(),
          new AssetDraft(
              a.name(),
              a.ip(),
              a.type(),
              a.os(),
              AssetStatus.DECOMMISSIONED,
              a.hostName(),
              a.description(),
              a.tags()));
    }
  }

  private List<ServiceConfig> validate(List<ServiceConfig> services) {
    if (services == null) {
      throw ApiException.badField("services", "is required (an empty list stops every service)");
    }
    if (services.size() > MAX_SERVICES) {
      throw ApiException.badField("services", "at most " + MAX_SERVICES + " entries");
    }
    Set<String> known = new HashSet<>();
    properties.serviceNames().forEach(n -> known.add(n.toLowerCase(Locale.ROOT)));
    List<FieldProblem> problems = new ArrayList<>();
    Set<Integer> ports = new HashSet<>();
    List<ServiceConfig> clean = new ArrayList<>();
    for (int i = 0; i < services.size(); i++) {
      ServiceConfig s = services.get(i);
      String at = "services[" + i + "].";
      if (s == null) {
        problems.add(new FieldProblem("services[" + i + "]", "must be an object"));
        continue;
      }
      String name = s.name() == null ? "" : s.name().trim().toLowerCase(Locale.ROOT);
      if (!known.contains(name)) {
        problems.add(new FieldProblem(at + "name", "must be one of " + properties.serviceNames()));
      }
      if (s.port() < 1 || s.port() > 65535) {
        problems.add(new FieldProblem(at + "port", "must be 1 to 65535"));
      } else if (!ports.add(s.port())) {
        problems.add(new FieldProblem(at + "port", "port " + s.port() + " is used twice"));
      }
      if (s.banner() != null && s.banner().length() > MAX_BANNER) {
        problems.add(new FieldProblem(at + "banner", "at most " + MAX_BANNER + " characters"));
      }
      Map<String, Object> options = s.options() == null ? Map.of() : s.options();
      String optionsJson = codec.writeValue(options);
      if (optionsJson.length() > MAX_OPTIONS_JSON) {
        problems.add(
            new FieldProblem(
                at + "options", "at most " + MAX_OPTIONS_JSON + " characters as JSON"));
      }
      clean.add(new ServiceConfig(name, s.enabled(), s.port(), s.banner(), options));
    }
    if (!problems.isEmpty()) {
      String detail =
          String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList());
      throw new ApiException(CommonProblem.VALIDATION, detail, problems, Map.of());
    }
    return clean;
  }

  private SensorRepository.Row row(UUID id) {
    return repository
        .find(id)
        .orElseThrow(() -> new ApiException(SensorProblem.NOT_FOUND, "no sensor with id " + id));
  }

  private Sensor toSensor(SensorRepository.Row r, Instant now) {
    SensorStatus status;
    if (r.decommissionedAt() != null) {
      status = SensorStatus.DECOMMISSIONED;
    } else if (r.revokedAt() != null) {
      status = SensorStatus.REVOKED;
    } else if (r.lastSeen() != null && r.lastSeen().isAfter(now.minus(properties.offlineAfter()))) {
      status = SensorStatus.ONLINE;
    } else {
      status = SensorStatus.OFFLINE;
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return new Sensor(
        r.id(),
        r.name(),
        r.hostname(),
        r.assetId(),
        status,
        r.version(),
        r.sourceIp(),
        r.enrolledAt(),
        r.lastSeen(),
        r.lastSeq(),
        today.equals(r.eventsDay()) ? r.eventsToday() : 0,
        r.eventsTotal(),
        codec.read(r.config(), r.configVersion()),
        r.reportedConfigVersion(),
        codec.readList(r.reportedServices()),
        codec.readMap(r.stats()),
        r.certExpiresAt(),
        r.revokedAt(),
        r.decommissionedAt());
  }
}
