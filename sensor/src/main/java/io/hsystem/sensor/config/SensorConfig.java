package io.hsystem.sensor.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a sensor runs: where decoys bind, which decoys, and the safety {@link Limits}. Immutable;
 * the {@code with…} methods return changed copies. Read and written as JSON (snake_case keys), the
 * form the server pushes to sensors.
 *
 * @param bindAddress the address every decoy binds (an IP literal; default {@code 0.0.0.0})
 * @param dataDir where the sensor keeps its state (the SSH host key, the per-deployment seed)
 * @param services the decoys, at most one per name
 * @param limits the safety limits
 */
public record SensorConfig(
    @JsonProperty("bind_address") String bindAddress,
    @JsonProperty("data_dir") String dataDir,
    @JsonProperty("services") List<ServiceConfig> services,
    @JsonProperty("limits") Limits limits) {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  public SensorConfig {
    services = services == null ? List.of() : List.copyOf(services);
  }

  /**
   * Every service enabled on the single-server high ports (ssh 2222, telnet 2323, http 8080, ftp
   * 2121, mysql 3307, redis 6380, generic 5901), bound to {@code 0.0.0.0}, state in {@code data}.
   */
  public static SensorConfig defaults() {
    List<ServiceConfig> all = new ArrayList<>();
    for (String name : ServiceConfig.NAMES) {
      all.add(ServiceConfig.defaults(name));
    }
    return new SensorConfig("0.0.0.0", "data", all, Limits.defaults());
  }

  /** Reads and validates a configuration. */
  public static SensorConfig fromJson(String json) {
    SensorConfig config;
    try {
      config = JSON.readValue(json, SensorConfig.class);
    } catch (JacksonException e) {
      throw new InvalidConfigException(List.of("json: " + e.getOriginalMessage()));
    }
    if (config == null) {
      throw new InvalidConfigException(List.of("json: empty document"));
    }
    return config.validated();
  }

  public static SensorConfig read(Path file) {
    try {
      return fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sensor configuration " + file, e);
    }
  }

  public String toJson() {
    return JSON.writeValueAsString(this);
  }

  public void write(Path file) {
    try {
      Files.writeString(file, toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sensor configuration " + file, e);
    }
  }

  /** The service of that name, or null. */
  public ServiceConfig service(String name) {
    for (ServiceConfig service : services) {
      if (name.equals(service.name())) {
        return service;
      }
    }
    return null;
  }

  public SensorConfig withBindAddress(String address) {
    return new SensorConfig(address, dataDir, services, limits);
  }

  public SensorConfig withDataDir(Path dir) {
    return new SensorConfig(bindAddress, dir.toString(), services, limits);
  }

  public SensorConfig withLimits(Limits newLimits) {
    return new SensorConfig(bindAddress, dataDir, services, newLimits);
  }

  public SensorConfig withLimits(UnaryOperator<Limits> change) {
    return withLimits(change.apply(limits));
  }

  public SensorConfig withServices(List<ServiceConfig> newServices) {
    return new SensorConfig(bindAddress, dataDir, newServices, limits);
  }

  /** This configuration with each service changed by {@code change}. */
  public SensorConfig withEachService(UnaryOperator<ServiceConfig> change) {
    return withServices(services.stream().map(change).toList());
  }

  /** This configuration with the named service changed (or added from its defaults). */
  public SensorConfig withService(String name, UnaryOperator<ServiceConfig> change) {
    List<ServiceConfig> copy = new ArrayList<>(services);
    for (int i = 0; i < copy.size(); i++) {
      if (name.equals(copy.get(i).name())) {
        copy.set(i, change.apply(copy.get(i)));
        return withServices(copy);
      }
    }
    copy.add(change.apply(ServiceConfig.defaults(name)));
    return withServices(copy);
  }

  /**
   * Checks the whole configuration.
   *
   * @return this
   * @throws InvalidConfigException listing every problem found
   */
  public SensorConfig validated() {
    List<String> problems = new ArrayList<>();
    if (bindAddress == null || !isIpLiteral(bindAddress)) {
      problems.add("bind_address: '" + bindAddress + "' is not an IPv4 or IPv6 address");
    }
    if (dataDir == null || dataDir.isBlank()) {
      problems.add("data_dir: required (the SSH host key is kept there)");
    }
    if (limits == null) {
      problems.add("limits: required");
    } else {
      limits.validate(problems);
    }
    Set<String> names = new HashSet<>();
    Map<Integer, String> ports = new HashMap<>();
    for (int i = 0; i < services.size(); i++) {
      ServiceConfig service = services.get(i);
      String path = "services[" + i + "]";
      if (service == null) {
        problems.add(path + ": null");
        continue;
      }
      service.validate(path, problems);
      if (service.name() != null && !names.add(service.name())) {
        problems.add(path + ".name: '" + service.name() + "' appears twice");
      }
      if (service.enabled() && service.port() > 0) {
        String other = ports.putIfAbsent(service.port(), service.name());
        if (other != null) {
          problems.add(path + ".port: " + service.port() + " is already used by " + other);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return this;
  }

  private static boolean isIpLiteral(String s) {
    if (s.matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})")) {
      for (String part : s.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }
    return s.contains(":") && s.matches("[0-9a-fA-F:.]+");
  }
}
