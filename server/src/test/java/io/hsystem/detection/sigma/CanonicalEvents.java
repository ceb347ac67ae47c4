package io.hsystem.detection.sigma;

import io.hsystem.ingest.internal.Normalizer;
import io.hsystem.ingest.internal.parse.Parsers;
import io.hsystem.ingest.internal.parse.RecordParser;
import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Third-party records turned into canonical events the way the server ingests them: the server's
 * own parser and normaliser (with its default limits), as {@code IngestService} applies them.
 */
final class CanonicalEvents {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Normalizer NORMALIZER = new Normalizer(8192, 65536);

  private CanonicalEvents() {}

  /**
   * Parses and normalises one record; the record is "ingested" a minute after its own time, since
   * the data sets are dated by when they were recorded.
   */
  static Event event(SourceType source, JsonNode record) throws RecordRejected {
    RecordParser parser = Parsers.forSource(source);
    Event event = parser.parse(record, record.toString());
    NORMALIZER.normalise(event, event.getTime(EventField.EVENT_TIME).plusSeconds(60));
    return event;
  }

  /** The JSON values of a file: one document, NDJSON, or objects back to back. */
  static List<JsonNode> records(Path file) throws IOException {
    try (MappingIterator<JsonNode> values =
        JSON.readerFor(JsonNode.class).readValues(file.toFile())) {
      return values.readAll();
    }
  }

  /** Every Windows event of the shared data sets under {@code folder} with the given suffix. */
  static List<Event> windowsEvents(Path folder, String suffix) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
    List<Event> events = new ArrayList<>();
    for (Path file : files) {
      for (JsonNode record : records(file)) {
        try {
          events.add(event(SourceType.SYSMON, record));
        } catch (RecordRejected e) {
          // the parser's own tests cover refusals; here only accepted events matter
        }
      }
    }
    return events;
  }
}
