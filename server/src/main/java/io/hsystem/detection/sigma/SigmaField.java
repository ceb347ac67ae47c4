package io.hsystem.detection.sigma;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.util.Locale;
import java.util.Map;

/**
 * A field named in a Sigma rule, resolved once: either a canonical {@link EventField} or a key read
 * from the event's original record ({@code raw}).
 *
 * <p>Sigma's field names (Sysmon, Windows, OpenCanary, Cowrie) map onto canonical fields where the
 * canonical field holds exactly that value for the sources that fill it; canonical snake_case names
 * and ECS names are accepted as they are (case-sensitively, so that Windows' {@code Path} is not
 * taken for the canonical {@code path}). Every other name is read from {@code raw}: top-level keys
 * of flat records, {@code Event.EventData}, {@code Event.System} and {@code Event.UserData} members
 * of nested Windows records, and dotted paths into nested objects (see {@link RawRecord}).
 *
 * <p>{@code Hashes} deliberately stays raw: the canonical {@code hash_sha256} holds only the SHA256
 * part of it, while rules match {@code IMPHASH=…} and {@code MD5=…} too.
 *
 * @param name the name as written in the rule
 * @param canonical the canonical field, or null when the value is read from {@code raw}
 */
public record SigmaField(String name, EventField canonical) {

  private static final Map<String, EventField> SIGMA_NAMES =
      Map.ofEntries(
          // Sysmon and Windows event log
          Map.entry("Image", EventField.PATH),
          Map.entry("SourceImage", EventField.PATH),
          Map.entry("NewProcessName", EventField.PATH),
          Map.entry("CommandLine", EventField.COMMAND_LINE),
          Map.entry("ProcessId", EventField.PROCESS_ID),
          Map.entry("ParentImage", EventField.PARENT_PATH),
          Map.entry("ParentProcessName", EventField.PARENT_PATH),
          Map.entry("ParentCommandLine", EventField.PARENT_COMMAND_LINE),
          Map.entry("User", EventField.USER),
          Map.entry("SourceIp", EventField.SRC_IP),
          Map.entry("SourcePort", EventField.SRC_PORT),
          Map.entry("DestinationIp", EventField.DST_IP),
          Map.entry("DestinationPort", EventField.DST_PORT),
          Map.entry("Protocol", EventField.PROTOCOL),
          Map.entry("QueryName", EventField.DNS_QUERY),
          Map.entry("TargetFilename", EventField.FILE_PATH),
          Map.entry("ImageLoaded", EventField.FILE_PATH),
          Map.entry("PipeName", EventField.FILE_PATH),
          Map.entry("TargetObject", EventField.REGISTRY_KEY),
          Map.entry("Computer", EventField.HOST_NAME),
          Map.entry("ComputerName", EventField.HOST_NAME),
          Map.entry("EventID", EventField.EVENT_CODE),
          Map.entry("Message", EventField.MESSAGE),
          Map.entry("sha256", EventField.HASH_SHA256),
          // OpenCanary
          Map.entry("logtype", EventField.EVENT_CODE),
          Map.entry("src_host", EventField.SRC_IP),
          Map.entry("dst_host", EventField.DST_IP),
          Map.entry("node_id", EventField.SENSOR_ID),
          // Cowrie
          Map.entry("eventid", EventField.EVENT_CODE),
          Map.entry("session", EventField.SESSION_ID),
          Map.entry("sensor", EventField.SENSOR_ID),
          Map.entry("input", EventField.COMMAND_LINE),
          Map.entry("shasum", EventField.HASH_SHA256));

  /** Resolves a field name written in a rule. */
  public static SigmaField of(String name) {
    EventField mapped = SIGMA_NAMES.get(name);
    if (mapped == null) {
      EventField byName = EventField.byName(name);
      if (byName != null && (name.equals(byName.fieldName()) || name.equals(byName.ecsName()))) {
        mapped = byName;
      }
    }
    return new SigmaField(name, mapped);
  }

  /** True when the value is read from the event's original record. */
  public boolean isRaw() {
    return canonical == null;
  }

  /**
   * The field's value in an event, as text (the first value when the record holds an array), or
   * null when absent: for correlation group-by and value fields. A field that is not canonical is
   * read from the event's original record, parsed for this call: not for the matching hot path.
   */
  public String valueIn(Event event) {
    if (canonical != null) {
      Object value = event.get(canonical);
      return value == null ? null : value.toString();
    }
    RawRecord record = new RawRecord();
    record.read(event.getString(EventField.RAW));
    int entry = record.find(rawKey());
    return entry < 0 || record.isNull(entry) ? null : record.valueString(entry);
  }

  /** The key looked up in the original record (case-insensitive). */
  String rawKey() {
    return name.toLowerCase(Locale.ROOT);
  }
}
