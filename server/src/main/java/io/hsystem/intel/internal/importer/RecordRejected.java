package io.hsystem.intel.internal.importer;

import io.hsystem.intel.IocType;
import io.hsystem.intel.internal.IocValues;

/** One record cannot be imported; the message is the reason reported for it. */
final class RecordRejected extends Exception {

  RecordRejected(String reason) {
    super(reason, null, false, false);
  }

  /** The value validated as {@code type} (detected when null), its problem prefixed by context. */
  static IocValues.Normalized normalize(IocType type, String value, String context)
      throws RecordRejected {
    try {
      return IocValues.parse(type, value);
    } catch (IocValues.InvalidIocException e) {
      throw new RecordRejected(context == null ? e.getMessage() : context + ": " + e.getMessage());
    }
  }
}
