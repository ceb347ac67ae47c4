package io.hsystem.eventstore.lucene;

import io.hsystem.protocol.EventField;
import java.util.Locale;

/** Names of the Lucene fields beside the canonical ones. */
final class LuceneFields {

  /** The encoded canonical event (see {@code EventCodec}). */
  static final String SOURCE = "_source";

  /** Words of every string field, for search without a field name. */
  static final String ALL = "_all";

  /** Names of the fields an event has, for "exists" queries. */
  static final String PRESENT = "_present";

  /** Longest value kept in doc values for top-values counting. */
  static final int MAX_DOC_VALUE = 4096;

  private LuceneFields() {}

  /** The tokenised twin of a text field. */
  static String words(EventField field) {
    return field.fieldName() + ".words";
  }

  static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
