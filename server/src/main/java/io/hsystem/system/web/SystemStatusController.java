package io.hsystem.system.web;

import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.RequirePermission;
import io.hsystem.system.SystemStatus;
import io.hsystem.system.SystemStatusService;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The server's state at a glance; every signed-in user may read it. */
@RestController
class SystemStatusController {

  private final SystemStatusService status;

  SystemStatusController(SystemStatusService status) {
    this.status = status;
  }

  record StatusResponse(
      String version,
      String javaVersion,
      String databaseVersion,
      String schemaVersion,
      String eventStore,
      String startedAt,
      long uptimeSeconds,
      double ingestRatePerSecond,
      long eventsAcceptedSinceStart,
      Map<String, Long> disk,
      Map<String, Long> queues,
      Map<String, Integer> retentionDays) {}

  @GetMapping("/api/v1/system/status")
  @RequirePermission(RequirePermission.AUTHENTICATED)
  StatusResponse status() {
    SystemStatus s = status.status();
    return new StatusResponse(
        s.version(),
        s.javaVersion(),
        s.databaseVersion(),
        s.schemaVersion(),
        s.eventStore(),
        Timestamps.format(s.startedAt()),
        s.uptimeSeconds(),
        s.ingestRatePerSecond(),
        s.eventsAcceptedSinceStart(),
        s.disk(),
        s.queues(),
        s.retentionDays());
  }
}
