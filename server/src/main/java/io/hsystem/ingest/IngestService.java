package io.hsystem.ingest;

import io.hsystem.ingest.internal.AssetLinker;
import io.hsystem.ingest.internal.IndexingPipeline;
import io.hsystem.ingest.internal.Normalizer;
import io.hsystem.ingest.internal.RecordSplitter;
import io.hsystem.ingest.internal.parse.Parsers;
import io.hsystem.ingest.internal.parse.RecordParser;
import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.intel.IocHit;
import io.hsystem.intel.IocMatcher;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import io.hsystem.shared.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes batches of source records in: decode, split, parse per the key's source format, clean, link
 * to assets, log durably and queue for indexing. Bad records are refused one by one with a reason;
 * the good ones of the same batch are kept. Once this returns, the accepted events survive a crash.
 */
@Service
public class IngestService {

  private final IngestProperties properties;
  private final IndexingPipeline pipeline;
  private final AssetLinker linker;
  private final Normalizer normalizer;
  private final RecordSplitter splitter;
  private final Clock clock;
  private final Semaphore slots;
  private final IocMatcher indicators;

  IngestService(
      IngestProperties properties,
      IndexingPipeline pipeline,
      AssetLinker linker,
      JsonMapper json,
      Clock clock,
      IocMatcher indicators) {
    this.indicators = indicators;
    this.properties = properties;
    this.pipeline = pipeline;
    this.linker = linker;
    this.normalizer = new Normalizer(properties.maxFieldLength(), properties.maxRawLength());
    this.splitter = new RecordSplitter(json);
    this.clock = clock;
    this.slots = new Semaphore(properties.maxConcurrentRequests());
  }

  /**
   * Counters since start, for metrics and the system status.
   *
   * @param accepted events durably logged
   * @param indexed events appended to the event store
   * @param pending events logged but not yet in the store
   */
  public record Stats(long accepted, long indexed, long pending) {}

  public Stats stats() {
    return new Stats(pipeline.logged(), pipeline.indexed(), pipeline.pending());
  }

  /**
   * Ingests one HTTP batch.
   *
   * @param body the request body as sent
   * @param gzip the body is gzip-compressed
   */
  public IngestResult ingest(IngestKey key, InputStream body, boolean gzip) {
    return ingest(key.sourceType(), key.assetId(), body, gzip);
  }

  /**
   * Ingests one batch of a caller authenticated otherwise than by an ingest key (the sensor gateway
   * authenticates sensors by client certificate): parsed as {@code source}, every event bound to
   * {@code assetId} when it is not null. Same limits, answers and 503 as {@link #ingest(IngestKey,
   * InputStream, boolean)}.
   */
  public IngestResult ingest(SourceType source, Long assetId, InputStream body, boolean gzip) {
    if (!slots.tryAcquire()) {
      throw overloaded("too many ingest requests at once");
    }
    try {
      byte[] bytes = read(body, gzip);
      RecordParser parser = Parsers.forSource(source);
      Instant now = clock.instant();
      List<Event> accepted = new ArrayList<>();
      List<IngestResult.Rejection> rejected = new ArrayList<>();
      int[] rejectedCount = {0};
      int seen =
          splitter.split(
              bytes,
              properties.maxRecords(),
              (index, record, raw, error) -> {
                String reason = error;
                if (reason == null) {
                  try {
                    Event event = parser.parse(record, raw);
                    normalizer.normalise(event, now);
                    accepted.add(event);
                  } catch (RecordRejected e) {
                    reason = e.reason();
                  }
                }
                if (reason != null) {
                  rejectedCount[0]++;
                  if (rejected.size() < IngestResult.MAX_LISTED) {
                    rejected.add(new IngestResult.Rejection(index, reason));
                  }
                }
              });
      if (seen > properties.maxRecords()) {
        throw new ApiException(
            IngestProblem.TOO_MANY_RECORDS,
            "send at most " + properties.maxRecords() + " records per request");
      }
      if (seen == 0) {
        throw new ApiException(IngestProblem.EMPTY, "send a JSON array or NDJSON lines of records");
      }
      submit(accepted, source, assetId, now);
      return new IngestResult(accepted.size(), rejected, rejectedCount[0]);
    } finally {
      slots.release();
    }
  }

  /**
   * Ingests events that were parsed in-process (syslog listener, built-in sensor); they are
   * cleaned, linked and logged like HTTP batches.
   *
   * @return the events accepted; refused ones are counted by the caller from the difference
   */
  public int ingestParsed(List<Event> events, SourceType source, Instant now) {
    List<Event> accepted = new ArrayList<>(events.size());
    for (Event event : events) {
      try {
        normalizer.normalise(event, now);
        accepted.add(event);
      } catch (RecordRejected e) {
        // the listener logs nothing per record: a flood of junk must not flood the log
      }
    }
    submit(accepted, source, null, now);
    return accepted.size();
  }

  /**
   * Parses and cleans one record as a batch of this source would be, without keeping it (for rule
   * dry-runs).
   *
   * @throws ApiException 400 naming {@code field} with the record's reason when it is refused
   */
  public Event parseSample(
      SourceType source, tools.jackson.databind.JsonNode record, String field) {
    RecordParser parser = Parsers.forSource(source);
    try {
      Event event = parser.parse(record, record.isString() ? record.asString() : record.toString());
      normalizer.normalise(event, clock.instant());
      return event;
    } catch (RecordRejected e) {
      throw ApiException.badField(field, e.reason());
    }
  }

  private void submit(List<Event> events, SourceType source, Long assetId, Instant now) {
    if (events.isEmpty()) {
      return;
    }
    linker.link(events, source, assetId, now);
    markIndicatorHits(events);
    try {
      pipeline.submit(events);
    } catch (IndexingPipeline.Overloaded e) {
      throw overloaded(e.getMessage());
    }
  }

  /** Enrichment: names the fields that hit an active indicator, so rules and hunts can use it. */
  private void markIndicatorHits(List<Event> events) {
    if (indicators.size() == 0) {
      return;
    }
    for (Event event : events) {
      List<IocHit> hits = indicators.match(event);
      if (!hits.isEmpty()) {
        java.util.Set<String> fields = new java.util.TreeSet<>();
        for (IocHit hit : hits) {
          fields.add(hit.field() == EventField.RAW ? "hashes" : hit.field().fieldName());
        }
        event.set(EventField.IOC_MATCH, String.join(",", fields));
      }
    }
  }

  private byte[] read(InputStream body, boolean gzip) {
    try {
      byte[] wire = readCapped(body, properties.maxBodyBytes(), "the body");
      if (!gzip) {
        return wire;
      }
      try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(wire))) {
        return readCapped(in, properties.maxDecompressedBytes(), "the decompressed body");
      }
    } catch (java.util.zip.ZipException e) {
      throw new ApiException(IngestProblem.BAD_ENCODING, "the body is not valid gzip");
    } catch (IOException e) {
      throw new ApiException(
          IngestProblem.BAD_ENCODING, "the body could not be read: " + e.getMessage());
    }
  }

  private static byte[] readCapped(InputStream in, long max, String what) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > max) {
        throw new ApiException(IngestProblem.TOO_LARGE, what + " is larger than " + max + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static ApiException overloaded(String why) {
    return new ApiException(
        IngestProblem.OVERLOADED, why + "; retry in a second", List.of(), Map.of("retry_after", 1));
  }
}
