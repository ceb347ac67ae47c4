package io.hsystem.sensor;

import io.hsystem.sensor.config.SensorConfig;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.config.ServiceList;
import io.hsystem.sensor.shipper.SensorClient;
import io.hsystem.sensor.shipper.SensorOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The honeypot host: {@code java -jar hsystem-sensor.jar --server https://host:8443 --token
 * <enrollment token>}. The first start enrolls (later starts reuse the credentials in {@code
 * --state-dir}), then the decoys run with the shipper as their event sink, and the heartbeat
 * applies the service list the server sends.
 *
 * <pre>
 *   --server URL        the server's sensor gateway (first start)
 *   --token TOKEN       one-time enrollment token (first start)
 *   --state-dir DIR     credentials, spool, SSH host key (default ./sensor-state)
 *   --config FILE       local decoy configuration (JSON, as SensorConfig); default: all decoys on
 *                       their high ports
 *   --bind ADDRESS      address the decoys bind (default 0.0.0.0)
 *   --name NAME         how the sensor is listed (default: the host name)
 * </pre>
 */
public final class SensorMain {

  private static final Logger log = LoggerFactory.getLogger(SensorMain.class);

  private SensorMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("hsystem-sensor: " + e.getMessage());
      System.err.println(
          "usage: java -jar hsystem-sensor.jar --server https://host:8443 --token TOKEN"
              + " [--state-dir DIR] [--config FILE] [--bind ADDRESS] [--name NAME]");
      System.exit(2);
      return;
    }
    Path stateDir = Path.of(options.getOrDefault("state-dir", "sensor-state")).toAbsolutePath();
    Files.createDirectories(stateDir);
    SensorConfig local =
        options.containsKey("config")
            ? SensorConfig.read(Path.of(options.get("config")))
            : SensorConfig.defaults();
    local = local.withDataDir(stateDir.resolve("decoys"));
    if (options.containsKey("bind")) {
      local = local.withBindAddress(options.get("bind"));
    }
    SensorOptions sensorOptions = SensorOptions.defaults(version());
    if (options.containsKey("name")) {
      sensorOptions = sensorOptions.withName(options.get("name"));
    }
    URI server = options.containsKey("server") ? URI.create(options.get("server")) : null;
    SensorClient client;
    try {
      client = SensorClient.enrollOrLoad(server, options.get("token"), stateDir, sensorOptions);
    } catch (IllegalStateException | io.hsystem.sensor.shipper.EnrollmentException e) {
      System.err.println("hsystem-sensor: " + e.getMessage());
      System.exit(1);
      return;
    }
    log.info("sensor {} connected to {}", client.sensorId(), client.server());

    SensorConfig base = local;
    SensorConfig initial =
        client.currentConfig().map(json -> ServiceList.apply(base, json)).orElse(local);
    HoneypotServices services = HoneypotServices.start(initial, client.shipper());
    log.info("decoys listening: {}", services.boundPorts());
    client.startHeartbeat(
        () -> describe(services),
        json -> {
          SensorConfig next = ServiceList.apply(base, json);
          services.reconfigure(next);
          log.info("configuration from the server applied; decoys: {}", services.boundPorts());
        });

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  services.close();
                  client.close();
                  stopped.countDown();
                },
                "sensor-stop"));
    stopped.await();
  }

  private static List<Map<String, Object>> describe(HoneypotServices services) {
    List<Map<String, Object>> list = new ArrayList<>();
    Map<String, Integer> bound = services.boundPorts();
    for (ServiceConfig service : services.config().services()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", service.name());
      entry.put("enabled", service.enabled());
      entry.put("port", bound.getOrDefault(service.name(), service.port()));
      entry.put("listening", bound.containsKey(service.name()));
      list.add(entry);
    }
    return list;
  }

  /** This build's version, from the Maven metadata packed in the jar. */
  static String version() {
    try (var in =
        SensorMain.class.getResourceAsStream(
            "/META-INF/maven/io.hsystem/hsystem-sensor/pom.properties")) {
      if (in != null) {
        java.util.Properties properties = new java.util.Properties();
        properties.load(in);
        return "v" + properties.getProperty("version", "0.0.0-dev");
      }
    } catch (java.io.IOException ignored) {
      // fall through
    }
    return "v0.0.0-dev";
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> known = List.of("server", "token", "state-dir", "config", "bind", "name");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        value = args[++i];
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      options.put(name, value);
    }
    return options;
  }
}
