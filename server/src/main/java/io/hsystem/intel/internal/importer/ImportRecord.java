package io.hsystem.intel.internal.importer;

import java.util.List;

/**
 * What an importer made of one input record: the indicators it holds, or why it was skipped or
 * rejected. A rejected record contributes nothing, however many of its parts were valid.
 *
 * @param index 1-based position among the input's records
 * @param location where the record is: {@code line 12}, {@code objects[3]}, …
 * @param candidates the record's indicators; empty unless {@link Kind#PARSED}
 * @param detail the reason for a skip or rejection; remarks on a parsed record, or null
 */
public record ImportRecord(
    int index, String location, Kind kind, List<Candidate> candidates, String detail) {

  /** Whether the record yields indicators. */
  public enum Kind {
    PARSED,
    SKIPPED,
    REJECTED
  }

  static ImportRecord parsed(int index, String location, List<Candidate> candidates, String note) {
    return new ImportRecord(index, location, Kind.PARSED, List.copyOf(candidates), note);
  }

  static ImportRecord skipped(int index, String location, String reason) {
    return new ImportRecord(index, location, Kind.SKIPPED, List.of(), reason);
  }

  static ImportRecord rejected(int index, String location, String reason) {
    return new ImportRecord(index, location, Kind.REJECTED, List.of(), reason);
  }
}
