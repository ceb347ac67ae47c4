package io.hsystem.ingest.internal.parse;

import static io.hsystem.ingest.internal.parse.EventKind.AUTHENTICATION;
import static io.hsystem.ingest.internal.parse.EventKind.DNS;
import static io.hsystem.ingest.internal.parse.EventKind.FILE;
import static io.hsystem.ingest.internal.parse.EventKind.NETWORK;
import static io.hsystem.ingest.internal.parse.EventKind.PROCESS;
import static io.hsystem.ingest.internal.parse.EventKind.REGISTRY;
import static io.hsystem.ingest.internal.parse.EventKind.SYSTEM;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Elastic Common Schema records as Beats and Elastic Agent emit them. Every field is looked up both
 * nested ({@code {"process": {"name": …}}}) and dotted ({@code {"process.name": …}}), in any mix.
 *
 * <p>{@code @timestamp} is required. {@code event_type} is {@code event.action} when present, else
 * the Sysmon type of {@code event.code} for the Sysmon module, else derived from {@code
 * event.category} and {@code event.type} (e.g. process + start → {@code process_start}), else
 * {@code log}. {@code event_category} is the first {@code event.category} that maps onto a
 * canonical category.
 */
public final class EcsParser implements RecordParser {

  private static final Map<String, String> CATEGORIES =
      Map.ofEntries(
          Map.entry("process", PROCESS),
          Map.entry("library", PROCESS),
          Map.entry("driver", SYSTEM),
          Map.entry("network", NETWORK),
          Map.entry("web", NETWORK),
          Map.entry("authentication", AUTHENTICATION),
          Map.entry("session", AUTHENTICATION),
          Map.entry("iam", AUTHENTICATION),
          Map.entry("file", FILE),
          Map.entry("registry", REGISTRY),
          Map.entry("host", SYSTEM),
          Map.entry("configuration", SYSTEM),
          Map.entry("package", SYSTEM),
          Map.entry("malware", SYSTEM),
          Map.entry("intrusion_detection", SYSTEM),
          Map.entry("database", SYSTEM),
          Map.entry("threat", SYSTEM),
          Map.entry("vulnerability", SYSTEM),
          Map.entry("api", SYSTEM),
          Map.entry("email", NETWORK));

  @Override
  public SourceType source() {
    return SourceType.ECS;
  }

  @Override
  public Event parse(JsonNode record, String rawText) throws RecordRejected {
    Values.requireObject(record);
    Event event = Values.newEvent(SourceType.ECS, rawText);
    event.set(
        EventField.EVENT_TIME, Timestamps.required(lookup(record, "@timestamp"), "@timestamp"));

    event.set(EventField.EVENT_CODE, text(record, "event.code"));
    event.set(EventField.HOST_NAME, text(record, "host.name"));
    event.set(EventField.HOST_IP, firstIp(record));
    event.set(EventField.SENSOR_ID, text(record, "agent.id"));
    event.set(EventField.SERVICE, text(record, "service.name"));
    event.set(EventField.SESSION_ID, text(record, "session.id"));

    String path = text(record, "process.executable");
    event.set(EventField.PATH, path);
    String name = text(record, "process.name");
    event.set(EventField.PROCESS_NAME, name != null ? name : Values.lastSegment(path));
    event.set(EventField.COMMAND_LINE, text(record, "process.command_line"));
    event.set(EventField.PROCESS_ID, number(record, "process.pid"));
    String parentPath = text(record, "process.parent.executable");
    event.set(EventField.PARENT_PATH, parentPath);
    String parentName = text(record, "process.parent.name");
    event.set(
        EventField.PARENT_PROCESS_NAME,
        parentName != null ? parentName : Values.lastSegment(parentPath));
    event.set(EventField.PARENT_COMMAND_LINE, text(record, "process.parent.command_line"));
    String sha256 = text(record, "process.hash.sha256");
    event.set(EventField.HASH_SHA256, sha256 != null ? sha256 : text(record, "file.hash.sha256"));

    event.set(EventField.USER, text(record, "user.name"));
    event.set(EventField.SRC_IP, text(record, "source.ip"));
    event.set(EventField.SRC_PORT, number(record, "source.port"));
    event.set(EventField.DST_IP, text(record, "destination.ip"));
    event.set(EventField.DST_PORT, number(record, "destination.port"));
    event.set(EventField.PROTOCOL, text(record, "network.transport"));
    event.set(EventField.HTTP_METHOD, text(record, "http.request.method"));
    String url = text(record, "url.original");
    event.set(EventField.URL, url != null ? url : text(record, "url.full"));
    event.set(EventField.USER_AGENT, text(record, "user_agent.original"));
    event.set(EventField.DNS_QUERY, text(record, "dns.question.name"));
    event.set(EventField.FILE_PATH, text(record, "file.path"));
    event.set(EventField.REGISTRY_KEY, text(record, "registry.path"));
    event.set(EventField.MESSAGE, text(record, "message"));

    List<String> categories = strings(record, "event.category");
    List<String> types = strings(record, "event.type");
    String category = category(categories, event);
    event.set(EventField.EVENT_CATEGORY, category);
    event.set(EventField.EVENT_TYPE, eventType(record, categories, types, event));
    return event;
  }

  private static String category(List<String> categories, Event event) {
    for (String c : categories) {
      String mapped = CATEGORIES.get(c.toLowerCase(Locale.ROOT));
      if (mapped != null) {
        return NETWORK.equals(mapped) && event.has(EventField.DNS_QUERY) ? DNS : mapped;
      }
    }
    return event.has(EventField.DNS_QUERY) ? DNS : SYSTEM;
  }

  private static String eventType(
      JsonNode record, List<String> categories, List<String> types, Event event)
      throws RecordRejected {
    String action = text(record, "event.action");
    if (action != null) {
      return action;
    }
    String code = event.getString(EventField.EVENT_CODE);
    if ("sysmon".equalsIgnoreCase(text(record, "event.module")) && code != null) {
      EventKind kind;
      try {
        kind = SysmonParser.sysmonKind(Long.parseLong(code.strip()));
      } catch (NumberFormatException e) {
        kind = null;
      }
      if (kind != null) {
        return kind.type();
      }
    }
    String category = event.getString(EventField.EVENT_CATEGORY);
    return switch (category) {
      case PROCESS ->
          types.contains("start")
              ? "process_start"
              : types.contains("end") ? "process_end" : "process";
      case AUTHENTICATION ->
          types.contains("start") || outcome(record, "success")
              ? "login_success"
              : outcome(record, "failure") ? "login_attempt" : "authentication";
      case NETWORK -> categories.contains("web") ? "http_request" : "network_connection";
      case DNS -> "dns_query";
      case FILE ->
          types.contains("creation")
              ? "file_create"
              : types.contains("deletion") ? "file_delete" : "file_change";
      case REGISTRY -> "registry_set";
      default -> "log";
    };
  }

  private static boolean outcome(JsonNode record, String expected) throws RecordRejected {
    return expected.equalsIgnoreCase(text(record, "event.outcome"));
  }

  /** The first {@code host.ip} that looks like an address; ECS allows a single value or a list. */
  private static String firstIp(JsonNode record) throws RecordRejected {
    for (String ip : strings(record, "host.ip")) {
      if (Values.looksLikeIp(ip)) {
        return ip;
      }
    }
    return null;
  }

  /** A keyword field that ECS allows as one string or an array of strings. */
  private static List<String> strings(JsonNode record, String path) throws RecordRejected {
    JsonNode node = lookup(record, path);
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode element : node.values()) {
        String s = Values.text(element, path);
        if (s != null) {
          out.add(s);
        }
      }
    } else {
      String s = Values.text(node, path);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static String text(JsonNode record, String path) throws RecordRejected {
    return Values.text(lookup(record, path), path);
  }

  private static Long number(JsonNode record, String path) throws RecordRejected {
    return Values.number(lookup(record, path), path, false);
  }

  /** The value at a dotted ECS path, each step either a nested object or part of a dotted key. */
  static JsonNode lookup(JsonNode node, String path) {
    JsonNode whole = node.get(path);
    if (whole != null) {
      return whole;
    }
    for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
      JsonNode child = node.get(path.substring(0, dot));
      if (child != null && child.isObject()) {
        JsonNode found = lookup(child, path.substring(dot + 1));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
