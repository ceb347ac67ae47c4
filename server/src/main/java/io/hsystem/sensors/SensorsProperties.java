package io.hsystem.sensors;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sensor settings ({@code hsystem.sensors.*}).
 *
 * @param heartbeatInterval how often sensors send a heartbeat (told to them at enrollment); a
 *     sensor not heard from for three intervals is shown offline
 * @param certificateValidity lifetime of the client certificates issued to sensors
 * @param maxTokenLifetime longest lifetime an enrollment token may be given
 * @param enrollmentFailuresPerIp failed enrollments one source address may make per {@code
 *     enrollmentFailureWindow} before it gets 429
 * @param enrollmentFailureWindow the window of {@code enrollmentFailuresPerIp}
 * @param serviceNames the honeypot services a sensor's configuration may name
 * @param gateway the TLS listener sensors connect to
 */
@ConfigurationProperties("hsystem.sensors")
public record SensorsProperties(
    @DefaultValue("15s") Duration heartbeatInterval,
    @DefaultValue("1825d") Duration certificateValidity,
    @DefaultValue("7d") Duration maxTokenLifetime,
    @DefaultValue("10") int enrollmentFailuresPerIp,
    @DefaultValue("15m") Duration enrollmentFailureWindow,
    @DefaultValue({"ssh", "telnet", "http", "ftp", "mysql", "redis", "generic"})
        List<String> serviceNames,
    @DefaultValue Gateway gateway) {

  public SensorsProperties {
    if (heartbeatInterval.toSeconds() < 1 || heartbeatInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("hsystem.sensors.heartbeat-interval must be 1s to 1h");
    }
    if (certificateValidity.toDays() < 1) {
      throw new IllegalArgumentException("hsystem.sensors.certificate-validity must be >= 1d");
    }
    if (enrollmentFailuresPerIp < 1) {
      throw new IllegalArgumentException(
          "hsystem.sensors.enrollment-failures-per-ip must be positive");
    }
  }

  /** A sensor is online while its last heartbeat is younger than this. */
  public Duration offlineAfter() {
    return heartbeatInterval.multipliedBy(3);
  }

  /**
   * The gateway listener ({@code hsystem.sensors.gateway.*}).
   *
   * @param enabled false leaves the port closed (single-server installations without remote
   *     sensors)
   * @param port TLS port; 0 picks a free one (tests)
   * @param bind address the port binds
   * @param hostnames names and IP addresses in the gateway certificate; empty means {@code
   *     localhost}, {@code 127.0.0.1} and this machine's host name
   * @param advertisedHost the host name enrollment commands tell sensors to connect to; empty means
   *     the first of {@code hostnames}, else this machine's host name. It is always added to the
   *     certificate.
   */
  public record Gateway(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("8443") int port,
      @DefaultValue("0.0.0.0") String bind,
      @DefaultValue List<String> hostnames,
      @DefaultValue("") String advertisedHost) {

    public Gateway {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("hsystem.sensors.gateway.port must be 0 to 65535");
      }
      hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }
  }
}
