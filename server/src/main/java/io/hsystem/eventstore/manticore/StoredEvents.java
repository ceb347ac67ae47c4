package io.hsystem.eventstore.manticore;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The stored form of an event (JSON by canonical field name) and its document id. */
final class StoredEvents {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private StoredEvents() {}

  static String toJson(Event event) {
    Map<String, Object> values = new LinkedHashMap<>();
    event.forEach(
        (field, value) ->
            values.put(field.fieldName(), value instanceof Instant t ? t.toString() : value));
    return JSON.writeValueAsString(values);
  }

  static Event fromJson(String json) {
    Event event = new Event();
    for (Map.Entry<String, Object> entry : JSON.readValue(json, MAP).entrySet()) {
      EventField field = EventField.byName(entry.getKey());
      if (field == null || entry.getValue() == null) {
        continue;
      }
      Object value = entry.getValue();
      event.set(
          field,
          switch (field.kind()) {
            case NUMBER -> ((Number) value).longValue();
            case TIME -> Instant.parse(value.toString());
            default -> value.toString();
          });
    }
    return event;
  }

  /** A positive 63-bit document id from the event id, so re-appending replaces the document. */
  static long documentId(String eventId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(eventId.getBytes(StandardCharsets.UTF_8));
      long id = 0;
      for (int i = 0; i < 8; i++) {
        id = id << 8 | (digest[i] & 0xFF);
      }
      id &= Long.MAX_VALUE;
      return id == 0 ? 1 : id;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
