package io.hsystem.intel.internal.importer;

import io.hsystem.intel.internal.IocValues;
import java.util.ArrayList;
import java.util.List;

/** The records of one import as they are read, up to the limit; and what records share. */
final class Records {

  private final int max;
  private final List<ImportRecord> list = new ArrayList<>();

  Records(int max) {
    this.max = max;
  }

  /** The index the next record gets; fails once the limit is reached. */
  int next() throws TooManyRecordsException {
    if (list.size() >= max) {
      throw new TooManyRecordsException(max);
    }
    return list.size() + 1;
  }

  void add(ImportRecord record) {
    list.add(record);
  }

  List<ImportRecord> list() {
    return list;
  }

  /** Remarks on a record that is imported with something dropped or cut. */
  static final class Notes {
    private final List<String> notes = new ArrayList<>(0);

    List<String> tags(List<String> tags) {
      IocValues.CleanTags clean = IocValues.cleanTags(tags);
      if (clean.dropped() > 0) {
        notes.add(
            clean.dropped()
                + " tag(s) dropped (at most "
                + IocValues.MAX_TAGS
                + " of at most "
                + IocValues.MAX_TAG
                + " characters)");
      }
      return clean.tags();
    }

    /** The non-blank parts joined with " — ", cut to the maximum length. */
    String description(String... parts) {
      StringBuilder sb = new StringBuilder();
      for (String part : parts) {
        if (part != null && !part.isBlank()) {
          sb.append(sb.isEmpty() ? "" : " — ").append(part.strip());
        }
      }
      if (sb.length() > IocValues.MAX_DESCRIPTION) {
        notes.add("description cut to " + IocValues.MAX_DESCRIPTION + " characters");
        int cut = IocValues.MAX_DESCRIPTION;
        sb.setLength(Character.isHighSurrogate(sb.charAt(cut - 1)) ? cut - 1 : cut);
      }
      return sb.isEmpty() ? null : sb.toString();
    }

    String text() {
      return notes.isEmpty() ? null : String.join("; ", notes);
    }
  }
}
