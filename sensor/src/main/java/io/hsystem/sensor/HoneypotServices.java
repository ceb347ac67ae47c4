package io.hsystem.sensor;

import io.hsystem.sensor.config.SensorConfig;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.EventSink;
import io.hsystem.sensor.core.ServiceStats;
import io.hsystem.sensor.service.Decoy;
import io.hsystem.sensor.service.ServiceRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The honeypot services of one sensor: the only door to them for the shipper, the CLI and the
 * server's single-server mode.
 *
 * <p>{@link #start} binds every enabled decoy of a {@link SensorConfig} (SSH, Telnet, HTTP, FTP,
 * MySQL, Redis, generic TCP) and hands each thing attackers do to the {@link EventSink} as a {@link
 * io.hsystem.sensor.core.HoneypotEvent}. The decoys emulate; they never execute attacker input,
 * never connect out and never write attacker data anywhere but into bounded events. Connection
 * caps, per-session byte/time/idle limits and bounded decoders keep a flood from taking the sensor
 * down (see {@code docs/adr/011-honeypot-services.md}).
 *
 * <p>Thread-safe. {@link #reconfigure} applies a new configuration pushed by the server, restarting
 * only the decoys whose configuration changed.
 */
public final class HoneypotServices implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HoneypotServices.class);

  private final ServiceRuntime runtime;
  private final Map<String, Decoy> decoys = new LinkedHashMap<>();
  private SensorConfig config;
  private boolean closed;

  private HoneypotServices(SensorConfig config, ServiceRuntime runtime) {
    this.config = config;
    this.runtime = runtime;
  }

  /**
   * Validates {@code config} and binds all its enabled services.
   *
   * @param config what to run; a service port of 0 picks a free port (see {@link #boundPorts})
   * @param sink receives every event; called on I/O threads, must not block for long
   * @return the running services
   * @throws io.hsystem.sensor.config.InvalidConfigException when the configuration is unusable
   * @throws UncheckedIOException when a port cannot be bound (nothing is left running then)
   */
  public static HoneypotServices start(SensorConfig config, EventSink sink) {
    Objects.requireNonNull(sink, "sink");
    config.validated();
    ServiceRuntime runtime = new ServiceRuntime(config, sink);
    HoneypotServices services = new HoneypotServices(config, runtime);
    try {
      for (ServiceConfig service : config.services()) {
        if (service.enabled()) {
          services.decoys.put(service.name(), runtime.start(service));
        }
      }
    } catch (IOException | RuntimeException e) {
      services.close();
      throw e instanceof IOException io
          ? new UncheckedIOException(io.getMessage(), io)
          : (RuntimeException) e;
    }
    LOG.info("honeypot services listening: {}", services.boundPorts());
    return services;
  }

  /** Service name → the port it is bound to, for the running services. */
  public synchronized Map<String, Integer> boundPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    decoys.forEach((name, decoy) -> ports.put(name, decoy.port()));
    return Collections.unmodifiableMap(ports);
  }

  /**
   * Applies a new configuration: stops services that were removed or disabled, (re)starts those
   * that are new or changed, leaves the others and their connections alone. A change of bind
   * address or data dir restarts every service; new limits apply to new connections (the SSH decoy
   * is restarted for them).
   *
   * @throws io.hsystem.sensor.config.InvalidConfigException when the configuration is unusable
   *     (nothing is changed then)
   * @throws UncheckedIOException when some services could not be bound; all the others are applied,
   *     and the failed ones are not running
   */
  public synchronized void reconfigure(SensorConfig newConfig) {
    newConfig.validated();
    if (closed) {
      throw new IllegalStateException("honeypot services are closed");
    }
    boolean restartAll =
        !newConfig.bindAddress().equals(config.bindAddress())
            || !newConfig.dataDir().equals(config.dataDir());
    // MINA takes its limits (idle, auth attempts) when it starts: new limits restart the SSH decoy
    boolean limitsChanged = !newConfig.limits().equals(config.limits());
    runtime.apply(newConfig);
    List<String> failures = new ArrayList<>();
    for (String name : new ArrayList<>(decoys.keySet())) {
      ServiceConfig wanted = newConfig.service(name);
      Decoy running = decoys.get(name);
      if (restartAll
          || wanted == null
          || !wanted.enabled()
          || !wanted.equals(running.config())
          || (limitsChanged && name.equals("ssh"))) {
        running.close();
        decoys.remove(name);
      }
    }
    for (ServiceConfig service : newConfig.services()) {
      if (service.enabled() && !decoys.containsKey(service.name())) {
        try {
          decoys.put(service.name(), runtime.start(service));
        } catch (IOException | RuntimeException e) {
          failures.add(e.getMessage());
        }
      }
    }
    config = newConfig;
    LOG.info("honeypot services reconfigured: {}", decoys.keySet());
    if (!failures.isEmpty()) {
      throw new UncheckedIOException(
          new IOException("some services could not be started: " + String.join("; ", failures)));
    }
  }

  /** Connections accepted and refused by the caps, events emitted, sessions open now. */
  public ServiceStats stats() {
    return runtime.stats();
  }

  /** The configuration in force. */
  public synchronized SensorConfig config() {
    return config;
  }

  /** Unbinds every service, closes open connections and stops the threads. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Decoy decoy : decoys.values()) {
      try {
        decoy.close();
      } catch (RuntimeException e) {
        LOG.warn("closing {} failed", decoy.config().name(), e);
      }
    }
    decoys.clear();
    runtime.close();
  }
}
