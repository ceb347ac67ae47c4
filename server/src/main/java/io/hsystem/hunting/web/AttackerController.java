package io.hsystem.hunting.web;

import io.hsystem.eventstore.ValueCount;
import io.hsystem.hunting.AttackerProfile;
import io.hsystem.hunting.AttackerProfileService;
import io.hsystem.hunting.EventJson;
import io.hsystem.intel.IocHit;
import io.hsystem.intel.IocLookup;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Attacker profiles: what one source address did, for the console's attacker page. */
@RestController
@RequestMapping("/api/v1/attackers")
class AttackerController {

  private final AttackerProfileService profiles;

  AttackerController(AttackerProfileService profiles) {
    this.profiles = profiles;
  }

  record ServiceCount(String service, long count) {}

  record CredentialCount(String username, String password, long count) {}

  record CommandCount(String commandLine, long count) {}

  record SensorCount(String sensorId, long count) {}

  record EventTypeCount(String eventType, long count) {}

  record IocHitResponse(
      long id,
      String type,
      String value,
      String source,
      int confidence,
      String severity,
      List<String> tags,
      String description) {

    static IocHitResponse of(IocHit h) {
      return new IocHitResponse(
          h.iocId(),
          Enums.value(h.type()),
          h.value(),
          h.source(),
          h.confidence(),
          Enums.value(h.severity()),
          h.tags(),
          h.description());
    }
  }

  record IocResponse(String type, String value, List<IocHitResponse> hits) {

    static IocResponse of(IocLookup lookup) {
      return lookup == null
          ? null
          : new IocResponse(
              Enums.value(lookup.type()),
              lookup.value(),
              lookup.hits().stream().map(IocHitResponse::of).toList());
    }
  }

  record ProfileResponse(
      String ip,
      String firstSeen,
      String lastSeen,
      long events,
      List<ServiceCount> services,
      List<CredentialCount> credentials,
      boolean credentialsSampled,
      List<CommandCount> commands,
      List<SensorCount> sensors,
      List<EventTypeCount> eventTypes,
      IocResponse ioc,
      List<Map<String, Object>> recentEvents) {}

  @GetMapping("/{ip}")
  @RequirePermission(Permissions.HUNTING_READ)
  ProfileResponse get(@PathVariable String ip) {
    AttackerProfile p = profiles.profile(ip);
    return new ProfileResponse(
        p.ip(),
        Timestamps.format(p.firstSeen()),
        Timestamps.format(p.lastSeen()),
        p.events(),
        map(p.services(), v -> new ServiceCount(v.value(), v.count())),
        p.credentials().stream()
            .map(c -> new CredentialCount(c.username(), c.password(), c.count()))
            .toList(),
        p.credentialsSampled(),
        map(p.commands(), v -> new CommandCount(v.value(), v.count())),
        map(p.sensors(), v -> new SensorCount(v.value(), v.count())),
        map(p.eventTypes(), v -> new EventTypeCount(v.value(), v.count())),
        IocResponse.of(p.ioc()),
        p.recent().stream().map(EventJson::of).toList());
  }

  private static <T> List<T> map(
      List<ValueCount> values, java.util.function.Function<ValueCount, T> f) {
    return values.stream().map(f).toList();
  }
}
