package io.hsystem.sensor.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service list a server sends its sensors, and how it changes a sensor's configuration. */
public final class ServiceList {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ServiceList() {}

  /**
   * The server's service list ({@code {"config_version": n, "services": [{name, enabled, port,
   * banner, options}]}}) laid over the local configuration: listed services take the server's
   * settings, unlisted ones are switched off. An empty list leaves the local configuration.
   */
  public static SensorConfig apply(SensorConfig local, String json) {
    JsonNode root = JSON.readTree(json);
    JsonNode listed = root.path("services");
    if (!listed.isArray() || listed.isEmpty()) {
      return local;
    }
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode service : listed) {
      byName.put(service.path("name").asString(""), service);
    }
    List<ServiceConfig> services = new ArrayList<>();
    for (String name : ServiceConfig.NAMES) {
      ServiceConfig current =
          local.service(name) != null ? local.service(name) : ServiceConfig.defaults(name);
      JsonNode wanted = byName.get(name);
      if (wanted == null) {
        services.add(current.withEnabled(false));
        continue;
      }
      ServiceConfig next = current.withEnabled(wanted.path("enabled").asBoolean(true));
      if (wanted.hasNonNull("port")) {
        next = next.withPort(wanted.get("port").asInt());
      }
      if (wanted.hasNonNull("banner") && !wanted.get("banner").asString().isBlank()) {
        next = next.withBanner(wanted.get("banner").asString());
      }
      for (Map.Entry<String, JsonNode> option : wanted.path("options").properties()) {
        next = next.withOption(option.getKey(), option.getValue().asString());
      }
      services.add(next);
    }
    return local.withServices(services).validated();
  }
}
