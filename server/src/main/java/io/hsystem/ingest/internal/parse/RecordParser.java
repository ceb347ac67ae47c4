package io.hsystem.ingest.internal.parse;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.SourceType;
import tools.jackson.databind.JsonNode;

/**
 * Turns one JSON source record into one canonical {@link Event}, or rejects it with a reason.
 *
 * <p>Implementations are stateless and thread-safe. They set {@code event_time} (UTC), {@code
 * event_type}, {@code event_category}, {@code source_type} and {@code raw}, plus whatever the
 * record carries; they leave {@code event_id}, {@code ingest_time} and {@code asset_id} to the
 * pipeline, and neither validate addresses nor bound sizes (the normaliser does).
 */
public interface RecordParser {

  /** The source format this parser reads. */
  SourceType source();

  /**
   * Parses one record.
   *
   * @param record one parsed JSON value; anything but a non-empty object is rejected
   * @param rawText the record's exact original text, stored verbatim in {@code raw}
   * @return the canonical event
   * @throws RecordRejected when the record cannot become an event; its reason names the field
   */
  Event parse(JsonNode record, String rawText) throws RecordRejected;
}
