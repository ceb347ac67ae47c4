package io.hsystem.intel.internal.importer;

import io.hsystem.intel.internal.IocValues;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading JSON imports: the document, and typed members that explain a wrong type. */
final class JsonInput {

  private static final JsonMapper JSON = JsonMapper.shared();

  private JsonInput() {}

  static JsonNode parse(String text) throws MalformedImportException {
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new MalformedImportException("not valid JSON" + where + ": " + e.getOriginalMessage());
    }
  }

  static boolean absent(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull();
  }

  static String string(JsonNode parent, String name) throws RecordRejected {
    JsonNode node = parent.get(name);
    if (absent(node)) {
      return null;
    }
    if (!node.isString()) {
      throw new RecordRejected(name + ": expected a string, got " + describe(node));
    }
    return node.stringValue();
  }

  static String requiredString(JsonNode parent, String name) throws RecordRejected {
    String value = string(parent, name);
    if (value == null || value.isBlank()) {
      throw new RecordRejected(name + " is missing");
    }
    return value;
  }

  static Boolean bool(JsonNode parent, String name) throws RecordRejected {
    JsonNode node = parent.get(name);
    if (absent(node)) {
      return null;
    }
    if (!node.isBoolean()) {
      throw new RecordRejected(name + ": expected true or false, got " + describe(node));
    }
    return node.booleanValue();
  }

  static Integer confidence(JsonNode parent, String name) throws RecordRejected {
    JsonNode node = parent.get(name);
    if (absent(node)) {
      return null;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToInt()
        || node.intValue() < 0
        || node.intValue() > 100) {
      throw new RecordRejected(name + ": expected an integer 0–100, got " + describe(node));
    }
    return node.intValue();
  }

  static Instant timestamp(JsonNode parent, String name) throws RecordRejected {
    String value = string(parent, name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new RecordRejected(
          name + ": " + IocValues.quote(value) + " is not a timestamp like 2025-12-31T00:00:00Z");
    }
  }

  /** The elements of an array member; absent is empty. */
  static List<JsonNode> array(JsonNode parent, String name) throws RecordRejected {
    JsonNode node = parent.get(name);
    if (absent(node)) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new RecordRejected(name + ": expected an array, got " + describe(node));
    }
    List<JsonNode> items = new ArrayList<>(node.size());
    node.forEach(items::add);
    return items;
  }

  static List<String> strings(JsonNode parent, String name) throws RecordRejected {
    List<String> result = new ArrayList<>();
    for (JsonNode item : array(parent, name)) {
      if (!item.isString()) {
        throw new RecordRejected(name + ": expected strings, found " + describe(item));
      }
      result.add(item.stringValue());
    }
    return result;
  }

  static String describe(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isBoolean()) {
      return node.asString();
    }
    if (node.isNumber()) {
      return "the number " + node.asString();
    }
    if (node.isString()) {
      return IocValues.quote(node.stringValue());
    }
    return "null";
  }
}
