package io.hsystem.sensors.internal;

import io.hsystem.sensors.SensorConfig;
import io.hsystem.sensors.ServiceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stored JSON forms of a sensor's configuration, reported services and statistics. */
public final class ConfigCodec {

  private final JsonMapper json;

  public ConfigCodec(JsonMapper json) {
    this.json = json;
  }

  /** {@code {"services": [...]}} as stored in {@code sensors.config}. */
  public String write(List<ServiceConfig> services) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (ServiceConfig s : services) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", s.name());
      entry.put("enabled", s.enabled());
      entry.put("port", s.port());
      entry.put("banner", s.banner());
      entry.put("options", s.options() == null ? Map.of() : s.options());
      list.add(entry);
    }
    return json.writeValueAsString(Map.of("services", list));
  }

  public SensorConfig read(String stored, long version) {
    JsonNode root = json.readTree(stored);
    List<ServiceConfig> services = new ArrayList<>();
    for (JsonNode s : root.path("services")) {
      JsonNode banner = s.get("banner");
      JsonNode options = s.get("options");
      services.add(
          new ServiceConfig(
              s.path("name").asString(),
              s.path("enabled").asBoolean(true),
              s.path("port").asInt(),
              banner == null || banner.isNull() ? null : banner.asString(),
              options == null || options.isNull()
                  ? Map.of()
                  : json.convertValue(options, new TypeReference<Map<String, Object>>() {})));
    }
    return new SensorConfig(version, List.copyOf(services));
  }

  public List<Object> readList(String stored) {
    return stored == null
        ? List.of()
        : json.readValue(stored, new TypeReference<List<Object>>() {});
  }

  public Map<String, Object> readMap(String stored) {
    return stored == null
        ? Map.of()
        : json.readValue(stored, new TypeReference<Map<String, Object>>() {});
  }

  public String writeValue(Object value) {
    return value == null ? null : json.writeValueAsString(value);
  }
}
