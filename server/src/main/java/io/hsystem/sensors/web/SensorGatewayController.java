package io.hsystem.sensors.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.hsystem.audit.Audited;
import io.hsystem.audit.NotAudited;
import io.hsystem.sensors.SensorConfig;
import io.hsystem.sensors.SensorGatewayService;
import io.hsystem.sensors.SensorGatewayService.SensorIdentity;
import io.hsystem.sensors.ServiceConfig;
import io.hsystem.shared.security.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sensor gateway: enrollment (authenticated by a one-time token) and, authenticated by the
 * client certificate issued at enrollment, event batches and heartbeats. Reachable only on the
 * gateway's TLS port ({@link GatewayPortFilter}); user tokens mean nothing here.
 */
@RestController
@RequestMapping(GatewayPortFilter.PREFIX)
class SensorGatewayController {

  private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  private final SensorGatewayService gateway;

  SensorGatewayController(SensorGatewayService gateway) {
    this.gateway = gateway;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record EnrollRequest(String token, String name, String hostname, String version, String csr) {}

  record ConfigBody(long configVersion, List<ServiceConfig> services) {

    static ConfigBody of(SensorConfig c) {
      return c == null ? null : new ConfigBody(c.version(), c.services());
    }
  }

  record EnrollResponse(
      String sensorId,
      Long assetId,
      String certificate,
      String caCertificate,
      ConfigBody config,
      long heartbeatIntervalSeconds) {}

  record EventsResponse(
      int accepted,
      int duplicates,
      int rejectedCount,
      List<SensorGatewayService.EventsReceipt.Rejection> rejected,
      long lastSeq) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record HeartbeatRequest(
      String version, Long configVersion, List<Object> services, Map<String, Object> stats) {}

  record HeartbeatResponse(long configVersion, ConfigBody config) {}

  @PostMapping("/enroll")
  @PublicEndpoint("sensors authenticate with a one-time enrollment token, checked here")
  @Audited(action = "sensor.enroll", targetType = "sensor")
  EnrollResponse enroll(@RequestBody EnrollRequest body, HttpServletRequest request) {
    var enrolled =
        gateway.enroll(
            new SensorGatewayService.Enrollment(
                body.token(), body.name(), body.hostname(), body.version(), body.csr()),
            request.getRemoteAddr());
    return new EnrollResponse(
        enrolled.sensorId().toString(),
        enrolled.assetId(),
        enrolled.certificatePem(),
        enrolled.caCertificatePem(),
        ConfigBody.of(enrolled.config()),
        enrolled.heartbeatInterval().toSeconds());
  }

  /** Gzip (or plain) NDJSON of native sensor records, each with its {@code sensor_seq}. */
  @PostMapping("/events")
  @PublicEndpoint("sensors authenticate with their client certificate, checked here")
  @NotAudited("machine telemetry at high rate; enrollment, revocation and decommissioning are")
  EventsResponse events(HttpServletRequest request) throws IOException {
    SensorIdentity sensor = gateway.authenticate(certificates(request));
    String encoding = request.getHeader("Content-Encoding");
    boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
    var receipt = gateway.events(sensor, request.getInputStream(), gzip);
    return new EventsResponse(
        receipt.accepted(),
        receipt.duplicates(),
        receipt.rejectedCount(),
        receipt.rejected(),
        receipt.lastSeq());
  }

  @PostMapping("/heartbeat")
  @PublicEndpoint("sensors authenticate with their client certificate, checked here")
  @NotAudited("machine status every few seconds; configuration changes are audited where made")
  HeartbeatResponse heartbeat(@RequestBody HeartbeatRequest body, HttpServletRequest request) {
    SensorIdentity sensor = gateway.authenticate(certificates(request));
    var reply =
        gateway.heartbeat(
            sensor,
            new SensorGatewayService.Heartbeat(
                body.version(),
                body.configVersion() == null ? 0 : body.configVersion(),
                body.services(),
                body.stats()));
    return new HeartbeatResponse(reply.configVersion(), ConfigBody.of(reply.config()));
  }

  private static X509Certificate[] certificates(HttpServletRequest request) {
    return request.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chain
        ? chain
        : null;
  }
}
