package io.hsystem.intel.internal.importer;

import java.util.List;

/**
 * Reads one import format into records. Implementations validate each record completely (a record
 * is either whole or rejected with its reason) and never touch the store.
 */
public interface IocImporter {

  /**
   * The records of {@code text}, in input order.
   *
   * @throws MalformedImportException when the input as a whole cannot be read (broken JSON, no
   *     header, not a bundle); nothing of it should be imported
   * @throws TooManyRecordsException past the importer's record limit
   */
  List<ImportRecord> read(String text) throws MalformedImportException, TooManyRecordsException;
}
