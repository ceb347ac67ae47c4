package io.hsystem.ingest.internal.parse;

import static io.hsystem.ingest.internal.parse.EventKind.HONEYPOT;
import static io.hsystem.ingest.internal.parse.EventKind.SYSTEM;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * OpenCanary JSON log records. {@code logtype} (the codes of OpenCanary's {@code logger.py})
 * decides {@code event_type} and {@code service}; {@code utc_time}, else {@code local_time} (which
 * OpenCanary writes in UTC despite its name), is the event time. Codes 1000–1006 are the canary's
 * own events (category {@code system}); all others are attacker activity (category {@code
 * honeypot}). Codes not in the table are kept as {@code honeypot_event}.
 */
public final class OpenCanaryParser implements RecordParser {

  private record Code(String type, String service) {}

  private static final Code UNKNOWN = new Code("honeypot_event", null);

  private static final Map<Long, Code> CODES =
      Map.ofEntries(
          // OpenCanary logs its start-up notices ("Added service …", "Canary running!!!") as
          // LOG_BASE_MSG, so 1001 marks start-up as much as LOG_BASE_BOOT does.
          code(1000, "startup", "opencanary"),
          code(1001, "startup", "opencanary"),
          code(1002, "debug", "opencanary"),
          code(1003, "error", "opencanary"),
          code(1004, "heartbeat", "opencanary"),
          code(1005, "config_change", "opencanary"),
          code(1006, "example", "opencanary"),
          code(2000, "login_attempt", "ftp"),
          code(2001, "connection", "ftp"),
          code(3000, "http_request", "http"),
          code(3001, "login_attempt", "http"),
          code(3002, "http_request", "http"),
          code(3003, "http_request", "http"),
          code(4000, "connection", "ssh"),
          code(4001, "client_version", "ssh"),
          code(4002, "login_attempt", "ssh"),
          code(5000, "file_access", "smb"),
          code(5001, "port_scan", "portscan"),
          code(5002, "port_scan", "portscan"),
          code(5003, "port_scan", "portscan"),
          code(5004, "port_scan", "portscan"),
          code(5005, "port_scan", "portscan"),
          code(6001, "login_attempt", "telnet"),
          code(6002, "connection", "telnet"),
          code(7001, "login_attempt", "httpproxy"),
          code(8001, "login_attempt", "mysql"),
          code(9001, "login_attempt", "mssql"),
          code(9002, "login_attempt", "mssql"),
          code(9003, "connection", "mysql"),
          code(10001, "file_transfer", "tftp"),
          code(11001, "ntp_monlist", "ntp"),
          code(12001, "login_attempt", "vnc"),
          code(13001, "login_attempt", "snmp"),
          code(14001, "login_attempt", "rdp"),
          code(15001, "login_attempt", "sip"),
          code(16001, "git_clone", "git"),
          code(17001, "command", "redis"),
          code(18001, "connection", "tcpbanner"),
          code(18002, "connection", "tcpbanner"),
          code(18003, "data_received", "tcpbanner"),
          code(18004, "data_received", "tcpbanner"),
          code(18005, "data_received", "tcpbanner"),
          code(19001, "llmnr_query", "llmnr"),
          code(20001, "login_attempt", "mongodb"));

  @Override
  public SourceType source() {
    return SourceType.OPENCANARY;
  }

  @Override
  public Event parse(JsonNode record, String rawText) throws RecordRejected {
    Values.requireObject(record);
    Long logtype = Values.number(record.get("logtype"), "logtype", false);
    if (logtype == null) {
      throw new RecordRejected("logtype: missing");
    }
    Code code = code(logtype);
    Event event = Values.newEvent(SourceType.OPENCANARY, rawText);
    JsonNode utc = record.get("utc_time");
    event.set(
        EventField.EVENT_TIME,
        Values.absent(utc)
            ? Timestamps.required(record.get("local_time"), "local_time")
            : Timestamps.required(utc, "utc_time"));
    new EventKind(code.type(), logtype >= 1000 && logtype <= 1006 ? SYSTEM : HONEYPOT)
        .applyTo(event);
    event.set(EventField.EVENT_CODE, Long.toString(logtype));
    event.set(EventField.SERVICE, code.service());
    event.set(EventField.SENSOR_ID, Values.text(record.get("node_id"), "node_id"));
    event.set(EventField.HOST_NAME, Values.text(record.get("hostname"), "hostname"));
    event.set(EventField.SRC_IP, Values.text(record.get("src_host"), "src_host"));
    event.set(EventField.SRC_PORT, port(record.get("src_port"), "src_port"));
    event.set(EventField.DST_IP, Values.text(record.get("dst_host"), "dst_host"));
    event.set(EventField.DST_PORT, port(record.get("dst_port"), "dst_port"));
    logdata(record.get("logdata"), logtype, event);
    return event;
  }

  private static void logdata(JsonNode logdata, long logtype, Event event) throws RecordRejected {
    if (Values.absent(logdata)) {
      return;
    }
    if (logdata.isString()) {
      event.set(EventField.MESSAGE, logdata.stringValue());
      return;
    }
    if (!logdata.isObject()) {
      throw new RecordRejected("logdata: expected an object, got " + Values.describe(logdata));
    }
    event.set(EventField.USERNAME, first(logdata, "USERNAME", "USER"));
    event.set(EventField.PASSWORD, first(logdata, "PASSWORD", "COMMUNITY_STRING"));
    event.set(EventField.URL, first(logdata, "PATH", "URL"));
    event.set(EventField.USER_AGENT, first(logdata, "USERAGENT", "REMOTEVERSION"));
    String method = first(logdata, "METHOD");
    event.set(
        EventField.HTTP_METHOD,
        method != null ? method : logtype == 3000 ? "GET" : logtype == 3001 ? "POST" : null);
    event.set(EventField.FILE_PATH, first(logdata, "FILENAME"));
    event.set(EventField.PROTOCOL, first(logdata, "PROTO"));
    String cmd = first(logdata, "CMD");
    String args = first(logdata, "ARGS");
    event.set(EventField.COMMAND_LINE, cmd == null || args == null ? cmd : cmd + " " + args);
    event.set(EventField.DNS_QUERY, first(logdata, "QUERY_NAME"));
    JsonNode msg = logdata.get("msg");
    if (!Values.absent(msg)) {
      // OpenCanary nests its notices ({"msg": {"logdata": "Added service …"}}); keep them whole.
      event.set(EventField.MESSAGE, msg.isContainer() ? msg.toString() : msg.asString());
    }
  }

  private static String first(JsonNode logdata, String... names) throws RecordRejected {
    for (String name : names) {
      String s = Values.text(logdata.get(name), "logdata." + name);
      if (s != null && !s.isEmpty()) {
        return s;
      }
    }
    return null;
  }

  /** OpenCanary writes -1 for "no port" in its own events. */
  private static Long port(JsonNode node, String field) throws RecordRejected {
    Long port = Values.number(node, field, false);
    return port != null && port == -1 ? null : port;
  }

  private static Code code(long logtype) {
    return CODES.getOrDefault(logtype, UNKNOWN);
  }

  private static Map.Entry<Long, Code> code(long logtype, String type, String service) {
    return Map.entry(logtype, new Code(type, service));
  }
}
