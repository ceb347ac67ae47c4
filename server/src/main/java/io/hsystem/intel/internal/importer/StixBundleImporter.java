package io.hsystem.intel.internal.importer;

import io.hsystem.intel.IocType;
import io.hsystem.intel.internal.IocValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A STIX 2.1 bundle: each {@code indicator} object is a record; other objects (identities, malware,
 * relationships …) are context and not records. An indicator's pattern must be of {@code
 * pattern_type} {@code stix} (or absent, as in STIX 2.0) and an {@code OR} of {@code =} comparisons
 * on {@code ipv4-addr:value}, {@code ipv6-addr:value}, {@code domain-name:value}, {@code url:value}
 * or {@code file:hashes.'SHA-256'} / {@code 'SHA-1'} / {@code MD5}; {@code confidence} is kept,
 * {@code labels} become tags, {@code valid_until} the expiry, {@code name} and {@code description}
 * the description. Revoked indicators are skipped.
 */
public final class StixBundleImporter implements IocImporter {

  private final int maxRecords;

  public StixBundleImporter(int maxRecords) {
    this.maxRecords = maxRecords;
  }

  @Override
  public List<ImportRecord> read(String text)
      throws MalformedImportException, TooManyRecordsException {
    JsonNode root = JsonInput.parse(text);
    if (!root.isObject() || !"bundle".equals(root.path("type").asString(null))) {
      throw new MalformedImportException(
          "not a STIX bundle: expected a JSON object with \"type\": \"bundle\"");
    }
    JsonNode objects = root.get("objects");
    if (!JsonInput.absent(objects) && !objects.isArray()) {
      throw new MalformedImportException(
          "objects: expected an array, got " + JsonInput.describe(objects));
    }
    Records records = new Records(maxRecords);
    for (int i = 0; objects != null && i < objects.size(); i++) {
      JsonNode object = objects.get(i);
      String location = "objects[" + i + "]";
      if (!object.isObject()) {
        records.add(
            ImportRecord.rejected(
                records.next(), location, "expected an object, got " + JsonInput.describe(object)));
      } else if ("indicator".equals(object.path("type").asString(null))) {
        records.add(indicator(records.next(), location, object));
      }
    }
    return records.list();
  }

  private static ImportRecord indicator(int index, String location, JsonNode indicator) {
    try {
      if (Boolean.TRUE.equals(JsonInput.bool(indicator, "revoked"))) {
        return ImportRecord.skipped(index, location, "the indicator is revoked");
      }
      String patternType = JsonInput.string(indicator, "pattern_type");
      if (patternType != null && !patternType.equals("stix")) {
        throw new RecordRejected(
            "pattern_type " + IocValues.quote(patternType) + " is not supported (only stix)");
      }
      String pattern = JsonInput.requiredString(indicator, "pattern");
      Integer confidence = JsonInput.confidence(indicator, "confidence");
      List<String> labels = JsonInput.strings(indicator, "labels");
      Instant validUntil = JsonInput.timestamp(indicator, "valid_until");
      String name = JsonInput.string(indicator, "name");
      String description = JsonInput.string(indicator, "description");

      Records.Notes notes = new Records.Notes();
      List<String> tags = notes.tags(labels);
      String text = notes.description(name, description);
      Map<String, Candidate> candidates = new LinkedHashMap<>();
      for (StixPattern.Comparison c : comparisons(pattern)) {
        IocValues.Normalized n = value(c);
        candidates.putIfAbsent(
            n.type() + " " + n.value(),
            new Candidate(n.type(), n.value(), confidence, null, tags, text, validUntil));
      }
      return ImportRecord.parsed(index, location, List.copyOf(candidates.values()), notes.text());
    } catch (RecordRejected e) {
      return ImportRecord.rejected(index, location, e.getMessage());
    }
  }

  private static List<StixPattern.Comparison> comparisons(String pattern) throws RecordRejected {
    try {
      return StixPattern.parse(pattern);
    } catch (StixPattern.UnsupportedException e) {
      throw new RecordRejected("unsupported pattern: " + e.getMessage());
    } catch (StixPattern.SyntaxException e) {
      throw new RecordRejected("invalid pattern: " + e.getMessage());
    }
  }

  private static IocValues.Normalized value(StixPattern.Comparison c) throws RecordRejected {
    String path = c.path();
    String v = c.value();
    String context = path + " " + IocValues.quote(v);
    switch (path) {
      case "ipv4-addr:value", "ipv6-addr:value" -> {
        IocValues.Normalized n =
            RecordRejected.normalize(v.indexOf('/') >= 0 ? IocType.CIDR : IocType.IP, v, path);
        boolean v6 = n.value().indexOf(':') >= 0;
        if (v6 != path.startsWith("ipv6")) {
          throw new RecordRejected(context + " is not an " + (v6 ? "IPv4" : "IPv6") + " value");
        }
        return n;
      }
      case "domain-name:value" -> {
        return RecordRejected.normalize(IocType.DOMAIN, v, path);
      }
      case "url:value" -> {
        return RecordRejected.normalize(IocType.URL, v, path);
      }
      default -> {
        if (path.startsWith("file:hashes.")) {
          return RecordRejected.normalize(hashType(path), v, path);
        }
        throw new RecordRejected(
            "unsupported pattern: the object path " + IocValues.quote(path) + " is not supported");
      }
    }
  }

  private static IocType hashType(String path) throws RecordRejected {
    String algorithm = path.substring("file:hashes.".length());
    if (algorithm.length() > 1 && algorithm.startsWith("'") && algorithm.endsWith("'")) {
      algorithm = algorithm.substring(1, algorithm.length() - 1);
    }
    return switch (algorithm.toUpperCase(Locale.ROOT).replace("-", "")) {
      case "SHA256" -> IocType.SHA256;
      case "SHA1" -> IocType.SHA1;
      case "MD5" -> IocType.MD5;
      default ->
          throw new RecordRejected(
              "unsupported pattern: the hash algorithm "
                  + IocValues.quote(algorithm)
                  + " is not supported (MD5, SHA-1, SHA-256)");
    };
  }
}
