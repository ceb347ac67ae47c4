package io.hsystem.sensors.web;

import io.hsystem.audit.Audited;
import io.hsystem.sensors.Sensor;
import io.hsystem.sensors.SensorService;
import io.hsystem.sensors.ServiceConfig;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Enrolled sensors: listed, read, reconfigured, revoked, decommissioned. */
@RestController
@RequestMapping("/api/v1/sensors")
class SensorController {

  private final SensorService sensors;

  SensorController(SensorService sensors) {
    this.sensors = sensors;
  }

  record ServiceRequest(
      String name, Boolean enabled, Integer port, String banner, Map<String, Object> options) {

    ServiceConfig toConfig() {
      return new ServiceConfig(
          name, enabled == null || enabled, port == null ? 0 : port, banner, options);
    }
  }

  record ConfigRequest(List<ServiceRequest> services) {}

  record ConfigResponse(long configVersion, List<ServiceConfig> services) {}

  record SensorResponse(
      String id,
      String name,
      String hostname,
      Long assetId,
      String status,
      String version,
      String sourceIp,
      List<Object> services,
      long eventsToday,
      long eventsTotal,
      long lastSeq,
      String lastSeen,
      String enrolledAt,
      Map<String, Object> spool,
      ConfigResponse config,
      long reportedConfigVersion,
      String certificateExpiresAt,
      String revokedAt,
      String decommissionedAt) {

    static SensorResponse of(Sensor s) {
      return new SensorResponse(
          s.id().toString(),
          s.name(),
          s.hostname(),
          s.assetId(),
          Enums.value(s.status()),
          s.version(),
          s.sourceIp(),
          s.reportedServices(),
          s.eventsToday(),
          s.eventsTotal(),
          s.lastSeq(),
          Timestamps.format(s.lastSeen()),
          Timestamps.format(s.enrolledAt()),
          s.stats(),
          new ConfigResponse(s.config().version(), s.config().services()),
          s.reportedConfigVersion(),
          Timestamps.format(s.certificateExpiresAt()),
          Timestamps.format(s.revokedAt()),
          Timestamps.format(s.decommissionedAt()));
    }
  }

  @GetMapping
  @RequirePermission(Permissions.SENSORS_READ)
  Page<SensorResponse> list() {
    return sensors.list().map(SensorResponse::of);
  }

  @GetMapping("/{id}")
  @RequirePermission(Permissions.SENSORS_READ)
  SensorResponse get(@PathVariable UUID id) {
    return SensorResponse.of(sensors.get(id));
  }

  @PutMapping("/{id}/config")
  @RequirePermission(Permissions.SENSORS_WRITE)
  @Audited(action = "sensor.config_update", targetType = "sensor")
  SensorResponse updateConfig(@PathVariable UUID id, @RequestBody ConfigRequest body) {
    List<ServiceConfig> services =
        body.services() == null
            ? null
            : body.services().stream().map(s -> s == null ? null : s.toConfig()).toList();
    return SensorResponse.of(sensors.updateConfig(id, services));
  }

  @PostMapping("/{id}/revoke")
  @RequirePermission(Permissions.SENSORS_WRITE)
  @Audited(action = "sensor.revoke", targetType = "sensor")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable UUID id) {
    sensors.revoke(id);
  }

  @DeleteMapping("/{id}")
  @RequirePermission(Permissions.SENSORS_WRITE)
  @Audited(action = "sensor.decommission", targetType = "sensor")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void decommission(@PathVariable UUID id) {
    sensors.decommission(id);
  }
}
