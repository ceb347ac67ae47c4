package io.hsystem.intel.internal.importer;

import io.hsystem.intel.IocType;
import io.hsystem.intel.internal.IocValues;
import io.hsystem.shared.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV (RFC 4180: quoted fields may hold commas, quotes as {@code ""} and line breaks) with a header
 * naming the columns in any order: {@code value} (required), {@code type} (detected when blank),
 * {@code confidence} (0–100), {@code tags} (separated by {@code ;} or {@code ,}), {@code
 * expires_at} ({@code 2025-12-31 23:59:59} UTC, ISO-8601, or a date meaning 00:00 UTC), {@code
 * description}, {@code severity}. Blank cells take the import's defaults; blank rows are not
 * records.
 */
public final class CsvImporter implements IocImporter {

  /** The columns a header may name. */
  public static final List<String> COLUMNS =
      List.of("value", "type", "confidence", "tags", "expires_at", "description", "severity");

  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private final int maxRecords;

  public CsvImporter(int maxRecords) {
    this.maxRecords = maxRecords;
  }

  @Override
  public List<ImportRecord> read(String text)
      throws MalformedImportException, TooManyRecordsException {
    CsvReader reader = new CsvReader(text);
    Row header = reader.next();
    while (header != null && header.isBlank()) {
      header = reader.next();
    }
    if (header == null) {
      throw new MalformedImportException("the CSV has no header row");
    }
    Map<String, Integer> columns = columns(header);
    Records records = new Records(maxRecords);
    for (Row row = reader.next(); row != null; row = reader.next()) {
      if (row.isBlank()) {
        continue;
      }
      int index = records.next();
      String location = "line " + row.line();
      if (row.error() != null) {
        records.add(ImportRecord.rejected(index, location, row.error()));
      } else if (row.fields().size() != header.fields().size()) {
        records.add(
            ImportRecord.rejected(
                index,
                location,
                "the row has "
                    + row.fields().size()
                    + " fields, the header "
                    + header.fields().size()));
      } else {
        records.add(record(index, location, row, columns));
      }
    }
    return records.list();
  }

  private static Map<String, Integer> columns(Row header) throws MalformedImportException {
    if (header.error() != null) {
      throw new MalformedImportException("header (line " + header.line() + "): " + header.error());
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name)) {
        throw new MalformedImportException(
            "unknown column " + IocValues.quote(name) + " in the header; known: " + COLUMNS);
      }
      if (columns.put(name, i) != null) {
        throw new MalformedImportException("column " + IocValues.quote(name) + " appears twice");
      }
    }
    if (!columns.containsKey("value")) {
      throw new MalformedImportException("the header has no 'value' column");
    }
    return columns;
  }

  private static ImportRecord record(
      int index, String location, Row row, Map<String, Integer> columns) {
    Map<String, String> cells = new HashMap<>();
    columns.forEach(
        (name, i) -> {
          String cell = row.fields().get(i).strip();
          if (!cell.isEmpty()) {
            cells.put(name, cell);
          }
        });
    try {
      IocType type = type(cells.get("type"));
      String value = cells.get("value");
      if (value == null) {
        return ImportRecord.rejected(index, location, "value is empty");
      }
      IocValues.Normalized n = IocValues.parse(type, value);
      Records.Notes notes = new Records.Notes();
      Candidate candidate =
          new Candidate(
              n.type(),
              n.value(),
              confidence(cells.get("confidence")),
              severity(cells.get("severity")),
              notes.tags(IocValues.splitTags(cells.get("tags"))),
              notes.description(cells.get("description")),
              time(cells.get("expires_at")));
      return ImportRecord.parsed(index, location, List.of(candidate), notes.text());
    } catch (IocValues.InvalidIocException e) {
      return ImportRecord.rejected(index, location, e.getMessage());
    }
  }

  private static IocType type(String cell) throws IocValues.InvalidIocException {
    if (cell == null) {
      return null;
    }
    for (IocType type : IocType.values()) {
      if (type.name().equalsIgnoreCase(cell)) {
        return type;
      }
    }
    throw new IocValues.InvalidIocException(
        "type "
            + IocValues.quote(cell)
            + " is not one of "
            + Arrays.stream(IocType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
  }

  private static Integer confidence(String cell) throws IocValues.InvalidIocException {
    if (cell == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(cell);
      if (value >= 0 && value <= 100) {
        return value;
      }
    } catch (NumberFormatException e) {
      // explained below
    }
    throw new IocValues.InvalidIocException(
        "confidence " + IocValues.quote(cell) + " is not a whole number 0–100");
  }

  private static Severity severity(String cell) throws IocValues.InvalidIocException {
    if (cell == null) {
      return null;
    }
    for (Severity severity : Severity.values()) {
      if (severity.value().equalsIgnoreCase(cell)) {
        return severity;
      }
    }
    throw new IocValues.InvalidIocException(
        "severity " + IocValues.quote(cell) + " is not one of [info, low, medium, high, critical]");
  }

  private static Instant time(String cell) throws IocValues.InvalidIocException {
    if (cell == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(cell).toInstant();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(cell, SPACED).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(cell).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IocValues.InvalidIocException(
          "expires_at "
              + IocValues.quote(cell)
              + " is not a time like 2025-12-31 23:59:59 (UTC), 2025-12-31T23:59:59Z or"
              + " 2025-12-31");
    }
  }

  /** One CSV row: its fields, or what is wrong with it, and the line it starts on. */
  private record Row(int line, List<String> fields, String error) {
    boolean isBlank() {
      return error == null && fields.stream().allMatch(String::isBlank);
    }
  }

  /** Splits CSV text into rows; a broken row is reported and reading goes on after it. */
  private static final class CsvReader {
    private final String text;
    private int pos;
    private int line = 1;

    CsvReader(String text) {
      this.text = text;
    }

    Row next() {
      if (pos >= text.length()) {
        return null;
      }
      int startLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean inQuotes = false;
      boolean afterQuote = false;
      String error = null;
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (inQuotes) {
          if (c == '"') {
            if (pos < text.length() && text.charAt(pos) == '"') {
              field.append('"');
              pos++;
            } else {
              inQuotes = false;
              afterQuote = true;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append(c);
          }
          continue;
        }
        if (c == '\n') {
          line++;
          break;
        }
        if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
          continue;
        }
        if (c == ',') {
          fields.add(quoted ? field.toString() : field.toString().strip());
          field.setLength(0);
          quoted = false;
          afterQuote = false;
        } else if (c == '"' && !quoted && field.toString().isBlank()) {
          field.setLength(0);
          quoted = true;
          inQuotes = true;
        } else if (afterQuote && !Character.isWhitespace(c)) {
          if (error == null) {
            error = "text after the closing quote of field " + (fields.size() + 1);
          }
        } else if (!afterQuote) {
          field.append(c);
        }
      }
      if (inQuotes) {
        return new Row(
            startLine, fields, "the quoted field " + (fields.size() + 1) + " is never closed");
      }
      fields.add(quoted ? field.toString() : field.toString().strip());
      return new Row(startLine, fields, error);
    }
  }
}
