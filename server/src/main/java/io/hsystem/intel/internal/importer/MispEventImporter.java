package io.hsystem.intel.internal.importer;

import io.hsystem.intel.IocType;
import io.hsystem.intel.internal.IocValues;
import io.hsystem.shared.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A MISP event ({@code {"Event": {...}}}, as MISP exports it and as MISP feeds publish it): each
 * attribute of {@code Event.Attribute} and of {@code Event.Object[].Attribute} is a record.
 * Attributes with {@code to_ids: false} (not meant for detection) and deleted ones are skipped.
 * Event and attribute tags become tags, {@code Event.info} (and the attribute's comment) the
 * description, {@code Event.threat_level_id} the severity (1 high, 2 medium, 3 low).
 */
public final class MispEventImporter implements IocImporter {

  /** MISP attribute types imported, and how their (possibly composite) values map to types. */
  static final List<String> SUPPORTED_TYPES =
      List.of(
          "ip-src",
          "ip-dst",
          "ip-src|port",
          "ip-dst|port",
          "domain",
          "hostname",
          "hostname|port",
          "domain|ip",
          "url",
          "md5",
          "sha1",
          "sha256",
          "filename|md5",
          "filename|sha1",
          "filename|sha256");

  private final int maxRecords;

  public MispEventImporter(int maxRecords) {
    this.maxRecords = maxRecords;
  }

  /** What every attribute of the event shares. */
  private record EventContext(String info, List<String> tags, Severity severity) {}

  @Override
  public List<ImportRecord> read(String text)
      throws MalformedImportException, TooManyRecordsException {
    JsonNode root = JsonInput.parse(text);
    JsonNode event = root.isObject() ? root.get("Event") : null;
    if (event == null || !event.isObject()) {
      throw new MalformedImportException(
          "not a MISP event: expected a JSON object with an \"Event\" object");
    }
    EventContext context;
    List<JsonNode> attributes;
    List<JsonNode> objects;
    try {
      context = new EventContext(JsonInput.string(event, "info"), tagNames(event), severity(event));
      attributes = JsonInput.array(event, "Attribute");
      objects = JsonInput.array(event, "Object");
    } catch (RecordRejected e) {
      throw new MalformedImportException("Event." + e.getMessage());
    }
    Records records = new Records(maxRecords);
    for (int i = 0; i < attributes.size(); i++) {
      records.add(
          attribute(records.next(), "Event.Attribute[" + i + "]", attributes.get(i), context));
    }
    for (int o = 0; o < objects.size(); o++) {
      String objectLocation = "Event.Object[" + o + "]";
      JsonNode object = objects.get(o);
      List<JsonNode> objectAttributes;
      try {
        if (!object.isObject()) {
          throw new RecordRejected("expected an object, got " + JsonInput.describe(object));
        }
        objectAttributes = JsonInput.array(object, "Attribute");
      } catch (RecordRejected e) {
        records.add(ImportRecord.rejected(records.next(), objectLocation, e.getMessage()));
        continue;
      }
      for (int a = 0; a < objectAttributes.size(); a++) {
        String location = objectLocation + ".Attribute[" + a + "]";
        records.add(attribute(records.next(), location, objectAttributes.get(a), context));
      }
    }
    return records.list();
  }

  private static ImportRecord attribute(
      int index, String location, JsonNode attribute, EventContext event) {
    try {
      if (!attribute.isObject()) {
        throw new RecordRejected("expected an object, got " + JsonInput.describe(attribute));
      }
      String type = JsonInput.requiredString(attribute, "type");
      String value = JsonInput.requiredString(attribute, "value");
      if (Boolean.TRUE.equals(JsonInput.bool(attribute, "deleted"))) {
        return ImportRecord.skipped(index, location, "the attribute is deleted");
      }
      if (Boolean.FALSE.equals(JsonInput.bool(attribute, "to_ids"))) {
        return ImportRecord.skipped(
            index, location, "to_ids is false: the attribute is not meant for detection");
      }
      String comment = JsonInput.string(attribute, "comment");
      List<String> allTags = new ArrayList<>(event.tags());
      allTags.addAll(tagNames(attribute));

      Records.Notes notes = new Records.Notes();
      List<String> tags = notes.tags(allTags);
      String description = notes.description(event.info(), comment);
      Map<String, Candidate> candidates = new LinkedHashMap<>();
      for (IocValues.Normalized n : values(type, value)) {
        candidates.putIfAbsent(
            n.type() + " " + n.value(),
            new Candidate(n.type(), n.value(), null, event.severity(), tags, description, null));
      }
      return ImportRecord.parsed(index, location, List.copyOf(candidates.values()), notes.text());
    } catch (RecordRejected e) {
      return ImportRecord.rejected(index, location, e.getMessage());
    }
  }

  private static List<IocValues.Normalized> values(String type, String value)
      throws RecordRejected {
    return switch (type) {
      case "ip-src", "ip-dst" -> List.of(address(value, type));
      case "ip-src|port", "ip-dst|port" -> List.of(address(part(type, value, 0), type));
      case "domain", "hostname" -> List.of(RecordRejected.normalize(IocType.DOMAIN, value, type));
      case "hostname|port" ->
          List.of(RecordRejected.normalize(IocType.DOMAIN, part(type, value, 0), type));
      case "domain|ip" ->
          List.of(
              RecordRejected.normalize(IocType.DOMAIN, part(type, value, 0), type),
              address(part(type, value, 1), type));
      case "url" -> List.of(RecordRejected.normalize(IocType.URL, value, type));
      case "md5", "sha1", "sha256" -> List.of(RecordRejected.normalize(hash(type), value, type));
      case "filename|md5", "filename|sha1", "filename|sha256" ->
          List.of(
              RecordRejected.normalize(
                  hash(type.substring("filename|".length())), part(type, value, 1), type));
      default ->
          throw new RecordRejected(
              "attribute type "
                  + IocValues.quote(type)
                  + " is not supported; supported: "
                  + SUPPORTED_TYPES);
    };
  }

  private static IocValues.Normalized address(String value, String type) throws RecordRejected {
    return RecordRejected.normalize(
        value.indexOf('/') >= 0 ? IocType.CIDR : IocType.IP, value, type);
  }

  /** Part {@code n} (0 or 1) of a composite value {@code a|b}. */
  private static String part(String type, String value, int n) throws RecordRejected {
    int bar = value.lastIndexOf('|');
    if (bar < 0) {
      throw new RecordRejected(
          type + ": " + IocValues.quote(value) + " is not a composite value 'a|b'");
    }
    return n == 0 ? value.substring(0, bar) : value.substring(bar + 1);
  }

  private static IocType hash(String type) {
    return switch (type) {
      case "md5" -> IocType.MD5;
      case "sha1" -> IocType.SHA1;
      default -> IocType.SHA256;
    };
  }

  private static List<String> tagNames(JsonNode holder) throws RecordRejected {
    List<String> names = new ArrayList<>();
    for (JsonNode tag : JsonInput.array(holder, "Tag")) {
      if (!tag.isObject()) {
        throw new RecordRejected("Tag: expected objects, found " + JsonInput.describe(tag));
      }
      String name = JsonInput.string(tag, "name");
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }

  private static Severity severity(JsonNode event) throws RecordRejected {
    JsonNode level = event.get("threat_level_id");
    if (JsonInput.absent(level)) {
      return null;
    }
    String text = level.isString() || level.isIntegralNumber() ? level.asString() : "";
    return switch (text) {
      case "1" -> Severity.HIGH;
      case "2" -> Severity.MEDIUM;
      case "3" -> Severity.LOW;
      case "4" -> null;
      default ->
          throw new RecordRejected(
              "threat_level_id: expected 1–4, got " + JsonInput.describe(level));
    };
  }
}
