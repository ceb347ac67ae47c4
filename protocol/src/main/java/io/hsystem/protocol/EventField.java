package io.hsystem.protocol;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The canonical event's fields (flat snake_case, the spec's names first), each with its kind and
 * its ECS alias. Hunting accepts both names; Sigma field names map onto these.
 */
public enum EventField {
  EVENT_ID("event_id", FieldKind.KEYWORD, "event.id"),
  EVENT_TIME("event_time", FieldKind.TIME, "@timestamp"),
  INGEST_TIME("ingest_time", FieldKind.TIME, "event.ingested"),
  EVENT_TYPE("event_type", FieldKind.KEYWORD, "event.action"),
  EVENT_CATEGORY("event_category", FieldKind.KEYWORD, "event.category"),
  EVENT_CODE("event_code", FieldKind.KEYWORD, "event.code"),
  SOURCE_TYPE("source_type", FieldKind.KEYWORD, "event.module"),
  ASSET_ID("asset_id", FieldKind.NUMBER, null),
  HOST_NAME("host_name", FieldKind.KEYWORD, "host.name"),
  HOST_IP("host_ip", FieldKind.IP, "host.ip"),
  SENSOR_ID("sensor_id", FieldKind.KEYWORD, "agent.id"),
  SERVICE("service", FieldKind.KEYWORD, "service.name"),
  SESSION_ID("session_id", FieldKind.KEYWORD, "session.id"),
  PROCESS_NAME("process_name", FieldKind.KEYWORD, "process.name"),
  PATH("path", FieldKind.KEYWORD, "process.executable"),
  COMMAND_LINE("command_line", FieldKind.TEXT, "process.command_line"),
  PROCESS_ID("process_id", FieldKind.NUMBER, "process.pid"),
  PARENT_PROCESS_NAME("parent_process_name", FieldKind.KEYWORD, "process.parent.name"),
  PARENT_PATH("parent_path", FieldKind.KEYWORD, "process.parent.executable"),
  PARENT_COMMAND_LINE("parent_command_line", FieldKind.TEXT, "process.parent.command_line"),
  USER("user", FieldKind.KEYWORD, "user.name"),
  HASH_SHA256("hash_sha256", FieldKind.KEYWORD, "process.hash.sha256"),
  SRC_IP("src_ip", FieldKind.IP, "source.ip"),
  SRC_PORT("src_port", FieldKind.NUMBER, "source.port"),
  DST_IP("dst_ip", FieldKind.IP, "destination.ip"),
  DST_PORT("dst_port", FieldKind.NUMBER, "destination.port"),
  PROTOCOL("protocol", FieldKind.KEYWORD, "network.transport"),
  USERNAME("username", FieldKind.KEYWORD, "related.user"),
  PASSWORD("password", FieldKind.KEYWORD, null),
  HTTP_METHOD("http_method", FieldKind.KEYWORD, "http.request.method"),
  URL("url", FieldKind.TEXT, "url.original"),
  USER_AGENT("user_agent", FieldKind.TEXT, "user_agent.original"),
  DNS_QUERY("dns_query", FieldKind.KEYWORD, "dns.question.name"),
  FILE_PATH("file_path", FieldKind.KEYWORD, "file.path"),
  REGISTRY_KEY("registry_key", FieldKind.KEYWORD, "registry.path"),
  MESSAGE("message", FieldKind.TEXT, "message"),
  TRUNCATED("truncated", FieldKind.KEYWORD, null),
  RAW("raw", FieldKind.STORED, "event.original"),
  /**
   * Names of the fields whose values matched an active threat-intelligence indicator when the event
   * arrived, comma-separated (e.g. {@code dst_ip}); set by the server, never by a sender.
   */
  IOC_MATCH("ioc_match", FieldKind.KEYWORD, "threat.enrichments.matched.field");

  /** Number of fields, for arrays indexed by {@link #ordinal()}. */
  public static final int COUNT = values().length;

  /** Every field in declaration order; unlike {@code values()} it is not copied on each call. */
  public static final java.util.List<EventField> ALL = java.util.List.of(values());

  private static final Map<String, EventField> BY_NAME;

  static {
    Map<String, EventField> names = new HashMap<>();
    for (EventField field : values()) {
      names.put(field.fieldName, field);
      if (field.ecsName != null) {
        names.putIfAbsent(field.ecsName, field);
      }
    }
    BY_NAME = Collections.unmodifiableMap(names);
  }

  private final String fieldName;
  private final FieldKind kind;
  private final String ecsName;

  EventField(String fieldName, FieldKind kind, String ecsName) {
    this.fieldName = fieldName;
    this.kind = kind;
    this.ecsName = ecsName;
  }

  /** The canonical snake_case name. */
  public String fieldName() {
    return fieldName;
  }

  public FieldKind kind() {
    return kind;
  }

  /** The Elastic Common Schema name, null when ECS has none. */
  public String ecsName() {
    return ecsName;
  }

  /** True for fields searched as strings (keyword and text). */
  public boolean isString() {
    return kind == FieldKind.KEYWORD || kind == FieldKind.TEXT;
  }

  /** The field with this canonical or ECS name (case-insensitive), or null. */
  public static EventField byName(String name) {
    EventField field = BY_NAME.get(name);
    return field != null ? field : BY_NAME.get(name.toLowerCase(Locale.ROOT));
  }
}
