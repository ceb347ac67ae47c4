package io.hsystem.sensor.shipper;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A honeypot host's connection to its server (ADR 012), the one door of this package:
 *
 * <pre>{@code
 * SensorClient client = SensorClient.enrollOrLoad(server, token, stateDir, options);
 * services.start(client.shipper());                       // the shipper is the EventSink
 * client.startHeartbeat(services::describe, services::apply);
 * ...
 * client.close();
 * }</pre>
 *
 * <p>The first start enrolls with the one-time token (the server must prove it holds the CA the
 * token pins) and keeps the credentials in {@code stateDir}; later starts load them and need no
 * token. Connections are outgoing only, TLS 1.3 with the sensor's client certificate. Events are
 * spooled in {@code stateDir/spool} and survive restarts and server outages.
 */
public final class SensorClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SensorClient.class);

  private final Credentials credentials;
  private final Path stateDir;
  private final SensorOptions options;
  private final GatewayClient client;
  private final Shipper shipper;
  private Heartbeat heartbeat;

  private SensorClient(Credentials credentials, Path stateDir, SensorOptions options)
      throws IOException {
    this.credentials = credentials;
    this.stateDir = stateDir;
    this.options = options;
    this.client = GatewayClient.forSensor(credentials, options.requestTimeout());
    this.shipper =
        new Shipper(
                client,
                Spool.open(stateDir.resolve("spool"), options.spoolMaxBytes()),
                options.batchMaxRecords(),
                options.batchLinger(),
                options.maxBackoff())
            .start();
  }

  /**
   * Loads the credentials in {@code stateDir}, or enrolls with {@code token} when there are none,
   * and starts the shipper.
   *
   * @param server the gateway ({@code https://host:8443}); null to use the stored one. A different
   *     address than the stored one replaces it (the CA pin stays).
   * @param token the one-time enrollment token; only needed for the first start (ignored, with a
   *     log line, when credentials exist)
   * @throws EnrollmentException when enrollment is needed and fails (the problem's {@code code}
   *     says why, e.g. {@code enrollment_token_used})
   * @throws IllegalStateException when there are no credentials and no token or server
   */
  public static SensorClient enrollOrLoad(
      URI server, String token, Path stateDir, SensorOptions options) throws IOException {
    Optional<Credentials> stored = Credentials.load(stateDir);
    Credentials credentials;
    if (stored.isPresent()) {
      credentials = stored.get();
      if (token != null && !token.isBlank()) {
        log.info("already enrolled as {}; the token is not used", credentials.sensorId());
      }
      if (server != null && !server.equals(credentials.server())) {
        credentials = credentials.withServer(server);
        credentials.save(stateDir);
      }
    } else {
      if (token == null || token.isBlank() || server == null) {
        throw new IllegalStateException(
            "not enrolled yet: start with --server https://<host>:<port> --token <token>");
      }
      credentials =
          Enrollment.enroll(
              server,
              token,
              stateDir,
              options.name(),
              options.hostname(),
              options.version(),
              options.requestTimeout());
      log.info("enrolled as sensor {} with {}", credentials.sensorId(), server);
    }
    return new SensorClient(credentials, stateDir, options);
  }

  /** The id the server gave this sensor. */
  public String sensorId() {
    return credentials.sensorId();
  }

  /** The gateway this sensor ships to. */
  public URI server() {
    return credentials.server();
  }

  /** The event sink honeypot services hand their events to (already started). */
  public Shipper shipper() {
    return shipper;
  }

  /**
   * Starts the heartbeat (once; later calls return the running one).
   *
   * @param services what the sensor runs, reported as-is (e.g. a list of {@code {name, port}} maps)
   * @param onConfig receives a newer configuration as JSON ({@code {"config_version": n,
   *     "services": [{"name", "enabled", "port", "banner", "options"}]}}); called on the heartbeat
   *     thread
   */
  public synchronized Heartbeat startHeartbeat(
      Supplier<? extends List<?>> services, Consumer<String> onConfig) throws IOException {
    if (heartbeat == null) {
      Duration interval =
          options.heartbeatInterval() != null
              ? options.heartbeatInterval()
              : credentials.heartbeatInterval();
      heartbeat =
          new Heartbeat(client, stateDir, options.version(), services, shipper::stats, onConfig)
              .start(interval);
    }
    return heartbeat;
  }

  /** The last configuration received from the server, as JSON, if any. */
  public Optional<String> currentConfig() throws IOException {
    return ConfigStore.load(stateDir);
  }

  /** Stops the heartbeat and the shipper; spooled events stay on disk. */
  @Override
  public synchronized void close() {
    if (heartbeat != null) {
      heartbeat.close();
    }
    shipper.close();
    client.close();
  }
}
