package io.hsystem.ingest.parse;

import io.hsystem.ingest.internal.parse.RecordParser;
import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads sample files as streams of JSON values, each with its exact text, and parses them. */
final class Samples {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Samples() {}

  /** One JSON value of a file: its exact text and its tree. */
  record Raw(String text, JsonNode node) {}

  /** One outcome per record: the event, or the rejection reason. */
  record Outcome(Raw raw, Event event, String reason) {}

  static Path resource(String format, String file) {
    try {
      return Path.of(Samples.class.getResource("/parsers/" + format + "/" + file).toURI());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource parsers/" + format + "/" + file, e);
    }
  }

  /** The JSON values of a file, back to back or one a line, each with its exact text. */
  static List<Raw> records(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Raw> out = new ArrayList<>();
    for (String value : split(text)) {
      out.add(new Raw(value, MAPPER.readTree(value)));
    }
    return out;
  }

  /** Splits concatenated JSON values on bracket depth, minding strings and escapes. */
  static List<String> split(String text) {
    List<String> values = new ArrayList<>();
    int depth = 0;
    int start = -1;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (start < 0) {
        if (Character.isWhitespace(c)) {
          continue;
        }
        start = i;
      }
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
      boolean scalarEnds =
          depth == 0
              && !inString
              && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
      if (depth == 0 && !inString && (c == '}' || c == ']' || scalarEnds)) {
        values.add(text.substring(start, i + 1));
        start = -1;
      }
    }
    if (start >= 0) {
      values.add(text.substring(start));
    }
    return values;
  }

  static List<Outcome> parseAll(RecordParser parser, Path file) {
    List<Outcome> out = new ArrayList<>();
    for (Raw raw : records(file)) {
      try {
        out.add(new Outcome(raw, parser.parse(raw.node(), raw.text()), null));
      } catch (RecordRejected e) {
        out.add(new Outcome(raw, null, e.reason()));
      }
    }
    return out;
  }

  static List<Event> parseOk(RecordParser parser, String format, String file) {
    List<Event> events = new ArrayList<>();
    for (Outcome o : parseAll(parser, resource(format, file))) {
      if (o.event() == null) {
        throw new AssertionError("rejected: " + o.reason() + " in " + o.raw().text());
      }
      if (!o.raw().text().equals(o.event().getString(EventField.RAW))) {
        throw new AssertionError("raw differs from the record text");
      }
      events.add(o.event());
    }
    return events;
  }

  static List<String> reasons(RecordParser parser, String format, String file) {
    List<String> reasons = new ArrayList<>();
    for (Outcome o : parseAll(parser, resource(format, file))) {
      if (o.event() != null) {
        throw new AssertionError("accepted: " + o.raw().text());
      }
      reasons.add(o.reason());
    }
    return reasons;
  }

  /** All fields of an event but raw, by canonical name. */
  static Map<String, Object> fields(Event event) {
    Map<String, Object> map = new LinkedHashMap<>();
    event.forEach(
        (field, value) -> {
          if (field != EventField.RAW) {
            map.put(field.fieldName(), value);
          }
        });
    return map;
  }

  /** A field map from name/value pairs. */
  static Map<String, Object> expected(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
