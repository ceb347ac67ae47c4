package io.hsystem.sensors.internal;

import io.hsystem.sensor.HoneypotServices;
import io.hsystem.sensor.config.SensorConfig;
import io.hsystem.sensor.config.ServiceList;
import io.hsystem.sensor.core.HoneypotEvent;
import io.hsystem.sensors.SensorGatewayService;
import io.hsystem.sensors.SensorGatewayService.SensorIdentity;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.DataDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Single-server mode (issue 5): the honeypot decoys run inside the server, as the sensor named
 * {@code local}. Their events go through the same de-duplicating intake as remote sensors' (minus
 * TLS), its heartbeat reports services and figures, and a service list set for it in the sensors
 * API is applied. On by default ({@code HSYSTEM_SENSORS_LOCAL_ENABLED}); {@code
 * HSYSTEM_SENSORS_LOCAL_CONFIG} names a JSON decoy configuration (ports, banners, limits).
 */
@Component
public class LocalSensor implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LocalSensor.class);
  private static final int QUEUE = 50_000;
  private static final int BATCH = 1000;

  private final SensorGatewayService gateway;
  private final SensorRepository sensors;
  private final ConfigCodec codec;
  private final boolean enabled;
  private final String bindAddress;
  private final String configFile;
  private final Path dataDir;
  private final String version;
  private final long heartbeatMillis;
  private final BlockingQueue<HoneypotEvent> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong seq = new AtomicLong();
  private volatile SensorIdentity identity;
  private volatile HoneypotServices services;
  private volatile SensorConfig base;
  private volatile long configVersion;
  private volatile boolean running;
  private Thread worker;

  LocalSensor(
      SensorGatewayService gateway,
      SensorRepository sensors,
      ConfigCodec codec,
      DataDirectory data,
      io.hsystem.sensors.SensorsProperties properties,
      @Value("${hsystem.sensors.local.enabled:true}") boolean enabled,
      @Value("${hsystem.sensors.local.bind-address:0.0.0.0}") String bindAddress,
      @Value("${hsystem.sensors.local.config:}") String configFile,
      ObjectProvider<BuildProperties> build) {
    this.gateway = gateway;
    this.sensors = sensors;
    this.codec = codec;
    this.enabled = enabled;
    this.bindAddress = bindAddress;
    this.configFile = configFile;
    this.dataDir = data.root().resolve("sensor");
    BuildProperties info = build.getIfAvailable();
    this.version = "v" + (info == null ? "0.0.0-dev" : info.getVersion());
    this.heartbeatMillis = properties.heartbeatInterval().toMillis();
  }

  /** Starts the decoys once the whole server is up (the intake must be ready for their events). */
  @EventListener(ApplicationReadyEvent.class)
  void startDecoys() {
    if (!enabled) {
      return;
    }
    try {
      identity = gateway.localSensor(hostName(), version);
      if (identity == null) {
        log.info("the local sensor was revoked or decommissioned; its decoys stay off");
        return;
      }
      seq.set(sensors.find(identity.id()).map(SensorRepository.Row::lastSeq).orElse(0L));
      SensorConfig local =
          configFile.isBlank() ? SensorConfig.defaults() : SensorConfig.read(Path.of(configFile));
      base = local.withDataDir(dataDir).withBindAddress(bindAddress);
      SensorConfig initial = base;
      // the list an operator set for this sensor wins over the local defaults
      SensorGatewayService.HeartbeatReply reply = beatOnce(null);
      if (reply != null && reply.config() != null && !reply.config().services().isEmpty()) {
        initial = ServiceList.apply(base, codec.write(reply.config().services()));
        configVersion = reply.configVersion();
      }
      services = HoneypotServices.start(initial, this::accept);
      log.info("single-server honeypot decoys listening: {}", services.boundPorts());
      running = true;
      worker = new Thread(this::run, "local-sensor");
      worker.setDaemon(true);
      worker.start();
    } catch (RuntimeException e) {
      log.error("the in-process honeypot decoys did not start: {}", e.getMessage());
    }
  }

  private void accept(HoneypotEvent event) {
    if (!queue.offer(event)) {
      dropped.incrementAndGet(); // the intake is far behind: shed load, counted in heartbeats
    }
  }

  private void run() {
    long nextBeat = System.currentTimeMillis() + heartbeatMillis;
    List<HoneypotEvent> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          HoneypotEvent first = queue.poll(250, TimeUnit.MILLISECONDS);
          if (first != null) {
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
          }
        }
        if (!batch.isEmpty() && send(batch)) {
          batch.clear();
        }
        if (System.currentTimeMillis() >= nextBeat) {
          nextBeat = System.currentTimeMillis() + heartbeatMillis;
          beat();
        }
      } catch (InterruptedException e) {
        if (!running) {
          break;
        }
      } catch (RuntimeException e) {
        log.warn("local sensor: {}", e.toString());
        sleep(1000);
      }
    }
  }

  /** Hands a batch to the intake; false when it is saturated (the batch is kept and retried). */
  private boolean send(List<HoneypotEvent> batch) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(batch.size() * 400);
    long first = seq.get() + 1;
    long n = first;
    for (HoneypotEvent event : batch) {
      event.put("sensor_seq", n++);
      body.writeBytes(event.toJson().getBytes(StandardCharsets.UTF_8));
      body.write('\n');
    }
    try {
      SensorGatewayService.EventsReceipt receipt =
          gateway.events(identity, new ByteArrayInputStream(body.toByteArray()), false);
      seq.set(Math.max(n - 1, receipt.lastSeq()));
      sent.addAndGet(receipt.accepted());
      if (receipt.rejectedCount() > 0) {
        log.warn(
            "local sensor: {} events refused, e.g. {}",
            receipt.rejectedCount(),
            receipt.rejected());
      }
      return true;
    } catch (ApiException e) {
      if (e.type().status() == 503) {
        sleep(500);
        return false;
      }
      log.warn("local sensor batch refused: {}", e.getMessage());
      return true;
    }
  }

  /** One heartbeat now: reports the decoys and applies a newer service list. */
  public void beat() {
    SensorGatewayService.HeartbeatReply reply = beatOnce(services);
    if (reply != null && reply.config() != null && services != null) {
      services.reconfigure(ServiceList.apply(base, codec.write(reply.config().services())));
      configVersion = reply.configVersion();
      log.info("local sensor: service list {} applied: {}", configVersion, services.boundPorts());
      beatOnce(services);
    }
  }

  private SensorGatewayService.HeartbeatReply beatOnce(HoneypotServices current) {
    if (identity == null) {
      return null;
    }
    List<Object> described = new ArrayList<>();
    Map<String, Object> stats = new LinkedHashMap<>();
    if (current != null) {
      Map<String, Integer> bound = current.boundPorts();
      for (var service : current.config().services()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", service.name());
        entry.put("enabled", service.enabled());
        entry.put("port", bound.getOrDefault(service.name(), service.port()));
        entry.put("listening", bound.containsKey(service.name()));
        described.add(entry);
      }
      var s = current.stats();
      stats.put("accepted_connections", s.accepted());
      stats.put("refused_connections", s.refused());
      stats.put("active_sessions", s.activeSessions());
      stats.put("events", s.eventsEmitted());
    }
    stats.put("sent", sent.get());
    stats.put("queued", queue.size());
    stats.put("dropped", dropped.get());
    return gateway.heartbeat(
        identity, new SensorGatewayService.Heartbeat(version, configVersion, described, stats));
  }

  /**
   * Looks the local sensor up again (tests empty the tables under a running server), and continues
   * its sequence from the stored position.
   */
  public void reattach() {
    identity = gateway.localSensor(hostName(), version);
    configVersion = 0;
    seq.set(
        identity == null
            ? 0
            : sensors.find(identity.id()).map(SensorRepository.Row::lastSeq).orElse(0L));
  }

  /** The local sensor's id, or null when it is off. */
  public java.util.UUID sensorId() {
    SensorIdentity current = identity;
    return current == null ? null : current.id();
  }

  /** The decoys' actual ports (tests; empty when they are not running). */
  public Map<String, Integer> boundPorts() {
    HoneypotServices current = services;
    return current == null ? Map.of() : current.boundPorts();
  }

  /** Waits until every event the decoys handed over so far is taken in (tests). */
  public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      if (queue.isEmpty()) {
        Thread.sleep(300); // a batch drained from the queue may still be in flight
        if (queue.isEmpty()) {
          return true;
        }
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Override
  public void start() {
    // decoys start on ApplicationReadyEvent; this lifecycle only stops them first at shutdown
  }

  @Override
  public void stop() {
    running = false;
    HoneypotServices current = services;
    if (current != null) {
      current.close();
    }
    if (worker != null) {
      try {
        worker.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return true;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 10; // stopped before the web server and the intake
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
