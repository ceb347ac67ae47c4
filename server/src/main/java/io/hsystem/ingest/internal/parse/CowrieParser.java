package io.hsystem.ingest.internal.parse;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Cowrie SSH/Telnet honeypot JSON log records (one per {@code eventid}, as listed in Cowrie's
 * output event reference). {@code timestamp} and a {@code cowrie.*} {@code eventid} are required;
 * every event is in category {@code honeypot}, with {@code service} {@code ssh} or {@code telnet}
 * from {@code protocol} when present.
 *
 * <p>Event ids without an entry in the table below become their own name without the {@code
 * cowrie.} prefix, dots and dashes as underscores ({@code cowrie.client.kex} → {@code client_kex}).
 */
public final class CowrieParser implements RecordParser {

  private static final String PREFIX = "cowrie.";

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("cowrie.session.connect", "connection"),
          Map.entry("cowrie.session.closed", "session_closed"),
          Map.entry("cowrie.login.failed", "login_attempt"),
          Map.entry("cowrie.login.success", "login_success"),
          Map.entry("cowrie.command.input", "command"),
          Map.entry("cowrie.command.failed", "command_failed"),
          Map.entry("cowrie.command.success", "command_success"),
          Map.entry("cowrie.session.input", "command_input"),
          Map.entry("cowrie.session.file_download", "file_download"),
          Map.entry("cowrie.session.file_download.failed", "file_download_failed"),
          Map.entry("cowrie.session.file_upload", "file_upload"),
          Map.entry("cowrie.direct-tcpip.request", "port_forward_request"),
          Map.entry("cowrie.direct-tcpip.data", "port_forward_data"),
          Map.entry("cowrie.direct-tcpip.redirect", "port_forward_redirect"),
          Map.entry("cowrie.direct-tcpip.tunnel", "port_forward_tunnel"),
          Map.entry("cowrie.log.open", "tty_log_open"),
          Map.entry("cowrie.log.closed", "tty_log_closed"),
          Map.entry("cowrie.telnet.exploit_attempt", "exploit_attempt"),
          Map.entry("cowrie.telnet.exploit_success", "exploit_success"));

  @Override
  public SourceType source() {
    return SourceType.COWRIE;
  }

  @Override
  public Event parse(JsonNode record, String rawText) throws RecordRejected {
    Values.requireObject(record);
    String eventId = Values.text(record.get("eventid"), "eventid");
    if (eventId == null || eventId.isBlank()) {
      throw new RecordRejected("eventid: missing");
    }
    if (!eventId.startsWith(PREFIX) || eventId.length() == PREFIX.length()) {
      throw new RecordRejected("eventid: not a Cowrie event id: " + Values.quote(eventId));
    }
    Event event = Values.newEvent(SourceType.COWRIE, rawText);
    event.set(EventField.EVENT_TIME, Timestamps.required(record.get("timestamp"), "timestamp"));
    new EventKind(type(eventId), EventKind.HONEYPOT).applyTo(event);
    event.set(EventField.EVENT_CODE, eventId);

    String protocol = text(record, "protocol");
    event.set(EventField.SERVICE, protocol == null ? null : protocol.toLowerCase(Locale.ROOT));
    event.set(EventField.SENSOR_ID, text(record, "sensor"));
    event.set(EventField.SESSION_ID, text(record, "session"));
    event.set(EventField.SRC_IP, text(record, "src_ip"));
    event.set(EventField.SRC_PORT, Values.number(record.get("src_port"), "src_port", false));
    event.set(EventField.DST_IP, text(record, "dst_ip"));
    event.set(EventField.DST_PORT, Values.number(record.get("dst_port"), "dst_port", false));
    event.set(EventField.USERNAME, text(record, "username"));
    event.set(EventField.PASSWORD, text(record, "password"));
    String input = text(record, "input");
    event.set(EventField.COMMAND_LINE, input != null ? input : text(record, "attempted_command"));
    event.set(EventField.URL, text(record, "url"));
    String shasum = text(record, "shasum");
    event.set(EventField.HASH_SHA256, shasum != null ? shasum : text(record, "sha256"));
    String destfile = text(record, "destfile");
    event.set(EventField.FILE_PATH, destfile != null ? destfile : text(record, "filename"));
    if (eventId.equals("cowrie.client.version")) {
      // The SSH identification string is the client's user agent.
      event.set(EventField.USER_AGENT, text(record, "version"));
    }
    event.set(EventField.MESSAGE, message(record.get("message")));
    return event;
  }

  private static String type(String eventId) {
    String mapped = TYPES.get(eventId);
    if (mapped != null) {
      return mapped;
    }
    return eventId.substring(PREFIX.length()).replace('.', '_').replace('-', '_');
  }

  private static String text(JsonNode record, String field) throws RecordRejected {
    return Values.text(record.get(field), field);
  }

  /** Older Cowrie versions write {@code message} as a list of lines (often empty). */
  private static String message(JsonNode node) throws RecordRejected {
    if (node == null || !node.isArray()) {
      return Values.text(node, "message");
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode line : node.values()) {
      String s = Values.text(line, "message");
      if (s != null) {
        sb.append(sb.isEmpty() ? "" : "\n").append(s);
      }
    }
    return sb.toString();
  }
}
