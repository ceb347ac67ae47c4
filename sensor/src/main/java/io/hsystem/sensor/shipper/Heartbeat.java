package io.hsystem.sensor.shipper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the server every interval that the sensor lives: its version, the services it runs, the
 * configuration version it runs and the shipper's figures. When the server answers with a newer
 * configuration, it is handed to the callback and, once the callback returned normally, kept in the
 * state folder ({@code config.json}) and reported as the running version. A callback that throws
 * gets the same configuration again at the next heartbeat.
 */
public final class Heartbeat implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final GatewayClient client;
  private final Path stateDir;
  private final String version;
  private final Supplier<? extends List<?>> services;
  private final Supplier<ShipperStats> stats;
  private final Consumer<String> onConfig;
  private final ScheduledExecutorService timer;
  private volatile long configVersion;
  private volatile String lastError;

  Heartbeat(
      GatewayClient client,
      Path stateDir,
      String version,
      Supplier<? extends List<?>> services,
      Supplier<ShipperStats> stats,
      Consumer<String> onConfig)
      throws IOException {
    this.client = client;
    this.stateDir = stateDir;
    this.version = version;
    this.services = services;
    this.stats = stats;
    this.onConfig = onConfig;
    this.configVersion = ConfigStore.load(stateDir).map(ConfigStore::version).orElse(0L);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hsystem-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  Heartbeat start(Duration interval) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            beat();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            log.warn("heartbeat failed: {}", e.toString());
          }
        },
        0,
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Sends one heartbeat now (the timer sends them anyway) and applies a newer configuration.
   *
   * @return true when the server answered 2xx
   */
  public synchronized boolean beat() throws InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", version);
    body.put("config_version", configVersion);
    body.put("services", services.get());
    body.put("stats", stats.get().toMap());
    try {
      HttpResponse<String> response =
          client.post(
              "/heartbeat",
              JSON.writeValueAsBytes(body),
              Map.of("Content-Type", "application/json", "Accept", "application/json"));
      if (response.statusCode() / 100 != 2) {
        lastError = "HTTP " + response.statusCode();
        return false;
      }
      JsonNode answer = JSON.readTree(response.body());
      JsonNode config = answer.get("config");
      if (config != null && config.isObject()) {
        long offered = config.path("config_version").asLong(0);
        if (offered > configVersion) {
          String json = JSON.writeValueAsString(config);
          try {
            onConfig.accept(json);
          } catch (RuntimeException e) {
            log.warn("configuration {} could not be applied: {}", offered, e.toString());
            return true;
          }
          ConfigStore.save(stateDir, json);
          configVersion = offered;
        }
      }
      lastError = null;
      return true;
    } catch (IOException e) {
      lastError = e.toString();
      return false;
    }
  }

  /** The configuration version the sensor runs (0: none received yet). */
  public long configVersion() {
    return configVersion;
  }

  /** Why the last heartbeat failed, or null. */
  public String lastError() {
    return lastError;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
