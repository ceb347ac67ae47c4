package io.hsystem.bench;

import io.hsystem.ingest.internal.Normalizer;
import io.hsystem.ingest.internal.parse.Parsers;
import io.hsystem.ingest.internal.parse.RecordParser;
import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's own record → canonical event steps, in-process: Jackson tree, {@code SysmonParser},
 * {@code Normalizer} (same limits as the server's defaults) and the source type. Only the asset
 * linking (a database lookup per host) is left out. Not thread-safe only in the sense that each
 * thread should own one (Jackson's mapper itself is shared safely).
 */
final class Canonical {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RecordParser parser = Parsers.forSource(SourceType.SYSMON);
  private final Normalizer normalizer = new Normalizer(8192, 65536);

  Event event(String line, Instant now) {
    try {
      Event event = parser.parse(JSON.readTree(line), line);
      normalizer.normalise(event, now);
      event.set(EventField.SOURCE_TYPE, SourceType.SYSMON.value());
      return event;
    } catch (RecordRejected e) {
      throw new IllegalStateException("the generator made a record the parser refuses: " + e, e);
    }
  }
}
