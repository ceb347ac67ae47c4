package io.hsystem.sensor.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * One thing that happened on a decoy, in the server's native record form: canonical snake_case
 * field names ({@code event_type}, {@code service}, {@code src_ip}, {@code username}, …) plus
 * service-specific extras ({@code ssh_client_version}, {@code hassh}, {@code http_headers}, …) that
 * the server keeps verbatim in the event's {@code raw}.
 *
 * <p>Every value is attacker-controlled data: it is bounded here ({@link #MAX_VALUE_CHARS}) and
 * only ever serialised, never interpreted.
 */
public final class HoneypotEvent {

  /** Longest string value kept; longer values are cut and the event is marked {@code truncated}. */
  public static final int MAX_VALUE_CHARS = 8192;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

  private final Map<String, Object> fields = new LinkedHashMap<>();

  private HoneypotEvent(String eventType, Instant time) {
    fields.put("event_time", ISO.format(time));
    fields.put("event_type", eventType);
  }

  /**
   * Starts an event of one of the honeypot event types: {@code connection}, {@code login_attempt},
   * {@code login_success}, {@code command}, {@code http_request}, {@code file_download}, {@code
   * port_scan} (services may add their own, e.g. {@code redis_command}).
   */
  public static HoneypotEvent of(String eventType, Instant time) {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(time, "time");
    return new HoneypotEvent(eventType, time);
  }

  public static HoneypotEvent of(String eventType) {
    return of(eventType, Instant.now());
  }

  /** Sets a string field (canonical or extra); null leaves it unset. Long values are cut. */
  public HoneypotEvent put(String name, String value) {
    if (value != null) {
      if (value.length() > MAX_VALUE_CHARS) {
        value = value.substring(0, MAX_VALUE_CHARS);
        fields.put("truncated_fields", name);
      }
      fields.put(name, value);
    }
    return this;
  }

  /** Sets a numeric field such as {@code src_port} or {@code dst_port}. */
  public HoneypotEvent put(String name, long value) {
    fields.put(name, value);
    return this;
  }

  /** Sets a field whose value is a small string map, such as HTTP headers (each value bounded). */
  public HoneypotEvent put(String name, Map<String, String> values) {
    if (values != null && !values.isEmpty()) {
      Map<String, String> bounded = new LinkedHashMap<>();
      values.forEach((k, v) -> bounded.put(cut(k), v == null ? null : cut(v)));
      fields.put(name, bounded);
    }
    return this;
  }

  public String eventType() {
    return (String) fields.get("event_type");
  }

  /** The value of a field, or null. */
  public Object get(String name) {
    return fields.get(name);
  }

  public String getString(String name) {
    Object value = fields.get(name);
    return value == null ? null : value.toString();
  }

  /** The fields in insertion order, read-only. */
  public Map<String, Object> fields() {
    return Collections.unmodifiableMap(fields);
  }

  /** One JSON object, as the server's {@code hsystem_sensor} ingest format reads it. */
  public String toJson() {
    return JSON.writeValueAsString(fields);
  }

  @Override
  public String toString() {
    return toJson();
  }

  private static String cut(String s) {
    return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) : s;
  }
}
