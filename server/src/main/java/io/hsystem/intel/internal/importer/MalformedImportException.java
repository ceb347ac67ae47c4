package io.hsystem.intel.internal.importer;

/** The input as a whole cannot be read in its format; the message says why and where. */
public class MalformedImportException extends Exception {
  public MalformedImportException(String reason) {
    super(reason, null, false, false);
  }
}
