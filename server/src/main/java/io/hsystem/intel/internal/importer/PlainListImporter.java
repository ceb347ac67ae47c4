package io.hsystem.intel.internal.importer;

import io.hsystem.intel.internal.IocValues;
import java.util.List;

/**
 * One value per line, its type detected from its form; {@code #} starts a comment (a whole line, or
 * after a blank); blank lines are not records. Defanged values are refanged.
 */
public final class PlainListImporter implements IocImporter {

  static final int MAX_LINE = 4096;

  private final int maxRecords;

  public PlainListImporter(int maxRecords) {
    this.maxRecords = maxRecords;
  }

  @Override
  public List<ImportRecord> read(String text) throws TooManyRecordsException {
    Records records = new Records(maxRecords);
    int lineNumber = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNumber++;
      String line = withoutComment(text.substring(start, end)).strip();
      start = end + 1;
      if (line.isEmpty()) {
        continue;
      }
      int index = records.next();
      String location = "line " + lineNumber;
      records.add(record(index, location, line));
    }
    return records.list();
  }

  private static ImportRecord record(int index, String location, String line) {
    if (line.length() > MAX_LINE) {
      return ImportRecord.rejected(
          index, location, "the line is longer than " + MAX_LINE + " characters");
    }
    if (line.chars().anyMatch(Character::isWhitespace)) {
      return ImportRecord.rejected(
          index, location, "one value per line, found " + IocValues.quote(line));
    }
    try {
      IocValues.Normalized n = IocValues.parse(null, line);
      return ImportRecord.parsed(
          index,
          location,
          List.of(new Candidate(n.type(), n.value(), null, null, List.of(), null, null)),
          null);
    } catch (IocValues.InvalidIocException e) {
      return ImportRecord.rejected(index, location, e.getMessage());
    }
  }

  private static String withoutComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
