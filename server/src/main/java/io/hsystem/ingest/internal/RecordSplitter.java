package io.hsystem.ingest.internal;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Splits a batch body into records: a JSON array of objects, or NDJSON (one JSON value per line).
 * Each record comes with its exact original text. A line that is not JSON is one bad record; a
 * broken array ends the batch there, and the records before it stand.
 */
public final class RecordSplitter {

  /** Receives the records in order; {@code record} is null when {@code error} says why. */
  public interface Sink {
    void record(int index, JsonNode record, String rawText, String error);
  }

  private final JsonMapper json;

  public RecordSplitter(JsonMapper json) {
    this.json = json;
  }

  /** Splits the body; returns the number of records seen, bad ones included. */
  public int split(byte[] body, int maxRecords, Sink sink) {
    int start = 0;
    while (start < body.length && isSpace(body[start])) {
      start++;
    }
    if (start < body.length && body[start] == '[') {
      return array(body, maxRecords, sink);
    }
    return lines(body, start, maxRecords, sink);
  }

  private int lines(byte[] body, int from, int maxRecords, Sink sink) {
    int index = 0;
    int lineStart = from;
    for (int i = from; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        int end = i;
        if (end > lineStart && body[end - 1] == '\r') {
          end--;
        }
        String line = new String(body, lineStart, end - lineStart, StandardCharsets.UTF_8);
        lineStart = i + 1;
        if (line.isBlank()) {
          continue;
        }
        if (index >= maxRecords) {
          return index + 1;
        }
        try {
          sink.record(index, json.readTree(line), line, null);
        } catch (JacksonException e) {
          sink.record(index, null, line, "malformed JSON: " + e.getOriginalMessage());
        }
        index++;
      }
    }
    return index;
  }

  private int array(byte[] body, int maxRecords, Sink sink) {
    int index = 0;
    try (JsonParser parser = json.createParser(body)) {
      parser.nextToken(); // [
      while (true) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY || token == null) {
          return index;
        }
        if (index >= maxRecords) {
          return index + 1;
        }
        int begin = (int) parser.currentTokenLocation().getByteOffset();
        JsonNode node = parser.readValueAsTree();
        int end = (int) parser.currentLocation().getByteOffset();
        String raw = new String(body, begin, end - begin, StandardCharsets.UTF_8);
        sink.record(index++, node, raw, null);
      }
    } catch (JacksonException e) {
      sink.record(index, null, "", "malformed JSON array from here on: " + e.getOriginalMessage());
      return index + 1;
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
