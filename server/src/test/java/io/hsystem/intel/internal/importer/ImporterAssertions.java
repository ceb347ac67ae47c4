package io.hsystem.intel.internal.importer;

import io.hsystem.intel.IocType;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Records rendered as one line each, so tests compare a whole import at a glance. */
final class ImporterAssertions {

  private ImporterAssertions() {}

  /**
   * {@code index location: type value, …} for parsed records, {@code index location: skipped|
   * rejected: reason} for the others.
   */
  static List<String> lines(List<ImportRecord> records) {
    return records.stream().map(ImporterAssertions::line).toList();
  }

  private static String line(ImportRecord r) {
    String head = r.index() + " " + r.location() + ": ";
    return switch (r.kind()) {
      case PARSED ->
          head
              + r.candidates().stream()
                  .map(c -> name(c.type()) + " " + c.value())
                  .collect(Collectors.joining(", "))
              + (r.detail() == null ? "" : " (" + r.detail() + ")");
      case SKIPPED -> head + "skipped: " + r.detail();
      case REJECTED -> head + "rejected: " + r.detail();
    };
  }

  private static String name(IocType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }
}
