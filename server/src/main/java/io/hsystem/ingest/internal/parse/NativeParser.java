package io.hsystem.ingest.internal.parse;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * H-System's own sensor and agent records: canonical snake_case field names as JSON keys, numbers
 * as JSON numbers or numeric strings, {@code event_time} as {@code YYYY-MM-DD HH:MM:SS} UTC,
 * ISO-8601 with offset, or epoch seconds or milliseconds. {@code event_time} and {@code event_type}
 * are required; a missing {@code event_category} is {@code honeypot} for sensors and {@code system}
 * for agents. Unknown keys are ignored.
 */
public final class NativeParser implements RecordParser {

  /** Set by the pipeline or by this parser, never taken from the record. */
  private static final Set<EventField> NOT_FROM_RECORD =
      EnumSet.of(
          EventField.EVENT_ID,
          EventField.INGEST_TIME,
          EventField.ASSET_ID,
          EventField.SOURCE_TYPE,
          EventField.TRUNCATED,
          EventField.RAW,
          EventField.IOC_MATCH);

  private static final Map<String, EventField> BY_NAME = new HashMap<>();

  static {
    for (EventField field : EventField.values()) {
      if (!NOT_FROM_RECORD.contains(field)) {
        BY_NAME.put(field.fieldName(), field);
      }
    }
  }

  private final SourceType source;

  /**
   * Creates the parser for one of H-System's own sources.
   *
   * @throws IllegalArgumentException for any other source type
   */
  public NativeParser(SourceType source) {
    if (source != SourceType.HSYSTEM_SENSOR && source != SourceType.HSYSTEM_AGENT) {
      throw new IllegalArgumentException("not an H-System source: " + source);
    }
    this.source = source;
  }

  @Override
  public SourceType source() {
    return source;
  }

  @Override
  public Event parse(JsonNode record, String rawText) throws RecordRejected {
    Values.requireObject(record);
    Event event = Values.newEvent(source, rawText);
    for (Map.Entry<String, JsonNode> entry : record.properties()) {
      EventField field = BY_NAME.get(entry.getKey());
      if (field != null) {
        event.set(field, value(field, entry.getValue()));
      }
    }
    if (!event.has(EventField.EVENT_TIME)) {
      throw new RecordRejected("event_time: missing");
    }
    if (!event.has(EventField.EVENT_TYPE)) {
      throw new RecordRejected("event_type: missing");
    }
    if (!event.has(EventField.EVENT_CATEGORY)) {
      event.set(
          EventField.EVENT_CATEGORY, source == SourceType.HSYSTEM_SENSOR ? "honeypot" : "system");
    }
    return event;
  }

  private static Object value(EventField field, JsonNode node) throws RecordRejected {
    String name = field.fieldName();
    return switch (field.kind()) {
      case NUMBER -> Values.number(node, name, false);
      case TIME -> Values.absent(node) ? null : Timestamps.required(node, name);
      default -> Values.text(node, name);
    };
  }
}
