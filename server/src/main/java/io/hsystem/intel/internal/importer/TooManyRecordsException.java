package io.hsystem.intel.internal.importer;

/** The input holds more records than one import may. */
public class TooManyRecordsException extends Exception {
  public TooManyRecordsException(int max) {
    super("an import holds at most " + max + " records", null, false, false);
  }
}
