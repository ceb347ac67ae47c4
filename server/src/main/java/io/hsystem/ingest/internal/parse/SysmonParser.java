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
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Windows event log records in JSON: Sysmon, plus the Security and System channel events that
 * arrive alongside it. Reads the flat form (fields at top level, as NXLog/Logstash/evtx converters
 * write it) and the nested form ({@code Event.System} and {@code Event.EventData}, as XML-to-JSON
 * converters write it).
 *
 * <p>The event type comes from {@code EventID} read within its channel, because ids collide across
 * providers (Sysmon 3 is a network connection, BITS-Client 3 a job creation). Channels other than
 * Sysmon, Security and System become {@code windows_event}. The time is Sysmon's {@code UtcTime}
 * when present, else the record's {@code TimeCreated}/{@code @timestamp}/{@code EventTime}.
 * Windows' {@code "-"} placeholder counts as absent.
 */
public final class SysmonParser implements RecordParser {

  private static final EventKind OTHER = new EventKind("windows_event", SYSTEM);

  private static final Map<Long, EventKind> SYSMON =
      Map.ofEntries(
          kind(1, "process_start", PROCESS),
          kind(2, "file_create_time", FILE),
          kind(3, "network_connection", NETWORK),
          kind(4, "sysmon_state_change", SYSTEM),
          kind(5, "process_end", PROCESS),
          kind(6, "driver_load", SYSTEM),
          kind(7, "image_load", PROCESS),
          kind(8, "create_remote_thread", PROCESS),
          kind(9, "raw_access_read", FILE),
          kind(10, "process_access", PROCESS),
          kind(11, "file_create", FILE),
          kind(12, "registry_create_delete", REGISTRY),
          kind(13, "registry_set", REGISTRY),
          kind(14, "registry_rename", REGISTRY),
          kind(15, "file_stream_create", FILE),
          kind(16, "sysmon_config_change", SYSTEM),
          kind(17, "pipe_create", FILE),
          kind(18, "pipe_connect", FILE),
          kind(19, "wmi_event_filter", SYSTEM),
          kind(20, "wmi_event_consumer", SYSTEM),
          kind(21, "wmi_event_binding", SYSTEM),
          kind(22, "dns_query", DNS),
          kind(23, "file_delete", FILE),
          kind(24, "clipboard_change", SYSTEM),
          kind(25, "process_tampering", PROCESS),
          kind(26, "file_delete", FILE),
          kind(27, "file_block_executable", FILE),
          kind(28, "file_block_shredding", FILE),
          kind(29, "file_executable_detected", FILE),
          kind(255, "sysmon_error", SYSTEM));

  private static final Map<Long, EventKind> SECURITY =
      Map.ofEntries(
          kind(1102, "audit_log_cleared", SYSTEM),
          kind(4624, "login_success", AUTHENTICATION),
          kind(4625, "login_attempt", AUTHENTICATION),
          kind(4627, "logon_group_membership", AUTHENTICATION),
          kind(4634, "logout", AUTHENTICATION),
          kind(4647, "logout", AUTHENTICATION),
          kind(4648, "explicit_credential_logon", AUTHENTICATION),
          kind(4656, "object_handle_request", SYSTEM),
          kind(4658, "object_handle_close", SYSTEM),
          kind(4663, "object_access", SYSTEM),
          kind(4670, "object_permissions_change", SYSTEM),
          kind(4672, "special_privileges_assigned", AUTHENTICATION),
          kind(4673, "privileged_service_call", PROCESS),
          kind(4688, "process_start", PROCESS),
          kind(4689, "process_end", PROCESS),
          kind(4690, "object_handle_duplicate", SYSTEM),
          kind(4697, "service_install", SYSTEM),
          kind(4698, "scheduled_task_create", SYSTEM),
          kind(4699, "scheduled_task_delete", SYSTEM),
          kind(4700, "scheduled_task_enable", SYSTEM),
          kind(4701, "scheduled_task_disable", SYSTEM),
          kind(4702, "scheduled_task_update", SYSTEM),
          kind(4703, "token_rights_adjusted", PROCESS),
          kind(4720, "user_create", AUTHENTICATION),
          kind(4722, "user_enable", AUTHENTICATION),
          kind(4724, "password_reset", AUTHENTICATION),
          kind(4726, "user_delete", AUTHENTICATION),
          kind(4728, "group_member_add", AUTHENTICATION),
          kind(4732, "group_member_add", AUTHENTICATION),
          kind(4756, "group_member_add", AUTHENTICATION),
          kind(4768, "kerberos_tgt_request", AUTHENTICATION),
          kind(4769, "kerberos_service_ticket_request", AUTHENTICATION),
          kind(4771, "login_attempt", AUTHENTICATION),
          kind(4776, "ntlm_credential_validation", AUTHENTICATION),
          kind(4799, "group_membership_enumerate", AUTHENTICATION),
          kind(5140, "network_share_access", NETWORK),
          kind(5145, "network_share_check", NETWORK),
          kind(5156, "network_connection", NETWORK),
          kind(5157, "network_connection_blocked", NETWORK),
          kind(5158, "network_bind", NETWORK));

  private static final Map<Long, EventKind> SYSTEM_CHANNEL =
      Map.ofEntries(
          kind(104, "audit_log_cleared", SYSTEM),
          kind(7000, "service_start_failed", SYSTEM),
          kind(7009, "service_start_failed", SYSTEM),
          kind(7036, "service_state_change", SYSTEM),
          kind(7040, "service_config_change", SYSTEM),
          kind(7045, "service_install", SYSTEM));

  private enum Family {
    SYSMON,
    SECURITY,
    SYSTEM,
    OTHER
  }

  @Override
  public SourceType source() {
    return SourceType.SYSMON;
  }

  @Override
  public Event parse(JsonNode record, String rawText) throws RecordRejected {
    Values.requireObject(record);
    JsonNode nested = record.get("Event");
    Fields f;
    if (nested != null && nested.isObject() && nested.has("System")) {
      JsonNode system = nested.get("System");
      JsonNode data = nested.get("EventData");
      if (!system.isObject()) {
        throw new RecordRejected(
            "Event.System: expected an object, got " + Values.describe(system));
      }
      if (!Values.absent(data) && !data.isObject()) {
        throw new RecordRejected(
            "Event.EventData: expected an object, got " + Values.describe(data));
      }
      f = new Fields(Values.absent(data) ? system : data, system, true);
    } else {
      f = new Fields(record, record, false);
    }

    long eventId = eventId(f);
    Family family = family(f);
    Event event = Values.newEvent(SourceType.SYSMON, rawText);
    event.set(EventField.EVENT_TIME, time(f));
    event.set(EventField.EVENT_CODE, Long.toString(eventId));
    kind(family, eventId).applyTo(event);
    event.set(EventField.HOST_NAME, first(f.text("Computer"), f.text("Hostname")));
    event.set(EventField.MESSAGE, f.text("Message"));
    switch (family) {
      case SECURITY -> security(f, eventId, event);
      default -> sysmon(f, eventId, event);
    }
    event.set(EventField.PROCESS_NAME, Values.lastSegment(event.getString(EventField.PATH)));
    event.set(
        EventField.PARENT_PROCESS_NAME,
        Values.lastSegment(event.getString(EventField.PARENT_PATH)));
    return event;
  }

  /** The Sysmon type of an event id, or null; ECS records from the Sysmon module reuse it. */
  static EventKind sysmonKind(long eventId) {
    return SYSMON.get(eventId);
  }

  private static void sysmon(Fields f, long eventId, Event event) throws RecordRejected {
    boolean accessor = eventId == 8 || eventId == 10;
    event.set(EventField.PATH, accessor ? f.text("SourceImage") : f.text("Image"));
    event.set(EventField.PROCESS_ID, f.number(accessor ? "SourceProcessId" : "ProcessId", false));
    event.set(EventField.COMMAND_LINE, f.text("CommandLine"));
    event.set(EventField.PARENT_PATH, f.text("ParentImage"));
    event.set(EventField.PARENT_COMMAND_LINE, f.text("ParentCommandLine"));
    event.set(EventField.USER, f.text("User"));
    event.set(EventField.HASH_SHA256, sha256(f.text("Hashes")));
    event.set(EventField.SRC_IP, f.text("SourceIp"));
    event.set(EventField.SRC_PORT, f.number("SourcePort", false));
    event.set(EventField.DST_IP, f.text("DestinationIp"));
    event.set(EventField.DST_PORT, f.number("DestinationPort", false));
    event.set(EventField.PROTOCOL, f.text("Protocol"));
    event.set(EventField.DNS_QUERY, f.text("QueryName"));
    event.set(EventField.REGISTRY_KEY, f.text("TargetObject"));
    event.set(
        EventField.FILE_PATH,
        first(
            f.text("TargetFilename"), f.text("ImageLoaded"), f.text("PipeName"), f.text("Device")));
    if (!event.has(EventField.PATH)) {
      // BITS-Client and similar providers name their process fields differently.
      event.set(EventField.PATH, f.text("processPath"));
      event.set(EventField.PROCESS_ID, f.number("processId", false));
    }
    event.set(EventField.URL, f.text("url"));
  }

  private static void security(Fields f, long eventId, Event event) throws RecordRejected {
    boolean created = eventId == 4688;
    event.set(
        EventField.PATH,
        created
            ? f.text("NewProcessName")
            : first(f.text("ProcessName"), f.text("Application"), f.text("CallerProcessName")));
    Long pid = created ? f.number("NewProcessId", true) : f.number("ProcessId", true);
    if (pid == null && !created) {
      pid = f.number("ProcessID", true);
      if (pid == null) {
        pid = f.number("CallerProcessId", true);
      }
    }
    event.set(EventField.PROCESS_ID, pid);
    event.set(EventField.COMMAND_LINE, f.text("CommandLine"));
    event.set(EventField.PARENT_PATH, f.text("ParentProcessName"));

    String subject = account(f.text("SubjectDomainName"), f.text("SubjectUserName"));
    String target = account(f.text("TargetDomainName"), f.text("TargetUserName"));
    boolean logon =
        eventId == 4624 || eventId == 4625 || eventId == 4634 || eventId == 4647 || eventId == 4771;
    event.set(EventField.USER, logon ? first(target, subject) : first(subject, target));
    if (logon
        || eventId == 4648
        || eventId == 4720
        || eventId == 4722
        || eventId == 4724
        || eventId == 4726) {
      event.set(EventField.USERNAME, f.text("TargetUserName"));
    }

    event.set(EventField.SRC_IP, first(f.text("IpAddress"), f.text("SourceAddress")));
    Long srcPort = f.number("IpPort", false);
    event.set(EventField.SRC_PORT, srcPort != null ? srcPort : f.number("SourcePort", false));
    event.set(EventField.DST_IP, f.text("DestAddress"));
    event.set(EventField.DST_PORT, f.number("DestPort", false));
    event.set(EventField.PROTOCOL, ipProtocol(f.text("Protocol")));

    String objectType = f.text("ObjectType");
    if ("File".equalsIgnoreCase(objectType)) {
      event.set(EventField.FILE_PATH, f.text("ObjectName"));
    } else if ("Key".equalsIgnoreCase(objectType)) {
      event.set(EventField.REGISTRY_KEY, f.text("ObjectName"));
    }
  }

  private static long eventId(Fields f) throws RecordRejected {
    JsonNode node = f.system.get("EventID");
    if (node != null && node.isObject()) {
      // XML-to-JSON converters keep the Qualifiers attribute and put the id in #text.
      node = node.get("#text");
    }
    Long id = Values.number(node, "EventID", false);
    if (id == null) {
      throw new RecordRejected("EventID: missing");
    }
    return id;
  }

  private static Family family(Fields f) throws RecordRejected {
    String channel = lower(Values.text(f.system.get("Channel"), "Channel"));
    if (channel != null) {
      if (channel.contains("sysmon")) {
        return Family.SYSMON;
      }
      return switch (channel) {
        case "security" -> Family.SECURITY;
        case "system" -> Family.SYSTEM;
        default -> Family.OTHER;
      };
    }
    String provider = lower(provider(f));
    if (provider == null || provider.contains("sysmon")) {
      return Family.SYSMON;
    }
    return provider.equals("microsoft-windows-security-auditing") ? Family.SECURITY : Family.OTHER;
  }

  private static String provider(Fields f) throws RecordRejected {
    JsonNode provider = f.system.get("Provider");
    if (provider != null && provider.isObject()) {
      JsonNode attributes = provider.path("#attributes");
      return Values.text(
          attributes.isObject() ? attributes.get("Name") : provider.get("Name"), "Provider");
    }
    return first(
        Values.text(provider, "Provider"), Values.text(f.system.get("SourceName"), "SourceName"));
  }

  private static EventKind kind(Family family, long eventId) {
    Map<Long, EventKind> table =
        switch (family) {
          case SYSMON -> SYSMON;
          case SECURITY -> SECURITY;
          case SYSTEM -> SYSTEM_CHANNEL;
          case OTHER -> Map.of();
        };
    return table.getOrDefault(eventId, OTHER);
  }

  private static Instant time(Fields f) throws RecordRejected {
    JsonNode utc = f.data.get("UtcTime");
    if (!Values.absent(utc)) {
      return Timestamps.required(utc, "UtcTime");
    }
    JsonNode created = f.system.get("TimeCreated");
    if (created != null && created.isObject()) {
      JsonNode attributes = created.path("#attributes");
      JsonNode systemTime =
          attributes.isObject() ? attributes.get("SystemTime") : created.get("SystemTime");
      return Timestamps.required(systemTime, "TimeCreated.SystemTime");
    }
    for (String name : new String[] {"@timestamp", "TimeCreated", "EventTime"}) {
      JsonNode node = f.system.get(name);
      if (!Values.absent(node)) {
        return Timestamps.required(node, name);
      }
    }
    throw new RecordRejected("UtcTime: missing (and no TimeCreated or @timestamp)");
  }

  /** The SHA256 value of a Sysmon {@code Hashes} list such as {@code SHA1=…,SHA256=…}. */
  private static String sha256(String hashes) {
    if (hashes == null) {
      return null;
    }
    for (String part : hashes.split(",")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "SHA256=", 0, 7)) {
        return p.substring(7);
      }
    }
    return null;
  }

  /** Windows Filtering Platform events give the IANA protocol number. */
  private static String ipProtocol(String protocol) {
    if (protocol == null) {
      return null;
    }
    return switch (protocol) {
      case "1" -> "icmp";
      case "6" -> "tcp";
      case "17" -> "udp";
      case "58" -> "ipv6-icmp";
      default -> protocol;
    };
  }

  private static String account(String domain, String name) {
    if (name == null) {
      return null;
    }
    return domain == null ? name : domain + "\\" + name;
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static Map.Entry<Long, EventKind> kind(long id, String type, String category) {
    return Map.entry(id, new EventKind(type, category));
  }

  /** Field reads over the event data, falling back to the system part of nested records. */
  private record Fields(JsonNode data, JsonNode system, boolean nested) {

    JsonNode get(String name) {
      JsonNode node = data.get(name);
      return Values.absent(node) && nested ? system.get(name) : node;
    }

    /** Text, with Windows' "-" placeholder and blanks as absent. */
    String text(String name) throws RecordRejected {
      String s = Values.text(get(name), name);
      return s == null || s.isBlank() || s.equals("-") ? null : s;
    }

    Long number(String name, boolean hexAllowed) throws RecordRejected {
      JsonNode node = get(name);
      if (node != null && node.isString() && node.stringValue().strip().equals("-")) {
        return null;
      }
      return Values.number(node, name, hexAllowed);
    }
  }
}
