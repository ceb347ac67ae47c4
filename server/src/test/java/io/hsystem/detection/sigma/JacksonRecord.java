package io.hsystem.detection.sigma;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference reading of an original record for {@link ReferenceEvaluator}: Jackson's tree,
 * flattened the way {@link RawRecord} documents (EventData, then UserData's child, then System with
 * {@code Element_Attribute} names, then dotted paths), so that the production parser is checked
 * against an independent one on every event of the data sets.
 */
final class JacksonRecord {

  static final JacksonRecord EMPTY = new JacksonRecord(Map.of());

  private static final int MAX_DEPTH = 8;
  private static final int MAX_ENTRIES = 2048;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Map<String, JsonNode> fields;

  private JacksonRecord(Map<String, JsonNode> fields) {
    this.fields = fields;
  }

  /** Parses a raw record; anything that is not a JSON object gives {@link #EMPTY}. */
  static JacksonRecord parse(String raw) {
    if (raw == null || !JsonText.looksLikeObject(raw)) {
      return EMPTY;
    }
    JsonNode root;
    try {
      root = JSON.readTree(raw);
    } catch (JacksonException e) {
      return EMPTY;
    }
    if (root == null || !root.isObject()) {
      return EMPTY;
    }
    Map<String, JsonNode> fields = new HashMap<>();
    JsonNode event = root.get("Event");
    JsonNode system = event == null ? null : event.get("System");
    if (system != null && system.isObject()) {
      eventData(event.get("EventData"), fields);
      userData(event.get("UserData"), fields);
      system(system, fields);
    }
    dotted("", root, 0, fields);
    return new JacksonRecord(fields);
  }

  /** The value under a lower-cased key (a scalar, an array or JSON null); null when absent. */
  JsonNode get(String lowerKey) {
    return fields.get(lowerKey);
  }

  private static void eventData(JsonNode data, Map<String, JsonNode> fields) {
    if (data == null || !data.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : data.properties()) {
      if (e.getKey().equals("Data") && e.getValue().isArray()) {
        for (JsonNode item : e.getValue().values()) {
          String name = dataName(item);
          if (name != null) {
            put(fields, name, item.get("#text"));
          }
        }
      } else if (!e.getKey().startsWith("#")) {
        put(fields, e.getKey(), e.getValue());
      }
    }
  }

  /** The {@code Name} attribute of a {@code <Data>} element, however the converter wrote it. */
  private static String dataName(JsonNode item) {
    if (item == null || !item.isObject()) {
      return null;
    }
    for (JsonNode candidate :
        new JsonNode[] {
          item.get("@Name"), item.get("Name"), item.path("#attributes").get("Name")
        }) {
      if (candidate != null && candidate.isString()) {
        return candidate.stringValue();
      }
    }
    return null;
  }

  private static void userData(JsonNode data, Map<String, JsonNode> fields) {
    if (data == null || !data.isObject()) {
      return;
    }
    for (JsonNode child : data.values()) {
      if (child.isObject()) {
        for (Map.Entry<String, JsonNode> e : child.properties()) {
          if (!e.getKey().startsWith("#")) {
            put(fields, e.getKey(), e.getValue());
          }
        }
      }
    }
  }

  private static void system(JsonNode system, Map<String, JsonNode> fields) {
    for (Map.Entry<String, JsonNode> e : system.properties()) {
      JsonNode value = e.getValue();
      if (value.isObject()) {
        JsonNode attributes = value.get("#attributes");
        if (attributes != null && attributes.isObject()) {
          for (Map.Entry<String, JsonNode> a : attributes.properties()) {
            put(fields, e.getKey() + "_" + a.getKey(), a.getValue());
          }
        }
        // EventID with a Qualifiers attribute keeps its value in #text
        put(fields, e.getKey(), value.get("#text"));
      } else {
        put(fields, e.getKey(), value);
      }
    }
  }

  private static void dotted(
      String prefix, JsonNode node, int depth, Map<String, JsonNode> fields) {
    if (depth > MAX_DEPTH) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode value = e.getValue();
      if (value.isObject()) {
        dotted(key, value, depth + 1, fields);
      } else {
        put(fields, key, value);
      }
    }
  }

  private static void put(Map<String, JsonNode> fields, String key, JsonNode value) {
    // JSON null is kept: 'exists' counts a present null, value tests treat it as absent
    if (value == null || value.isObject() || fields.size() >= MAX_ENTRIES) {
      return;
    }
    fields.putIfAbsent(Text.lower(key), value);
  }
}
