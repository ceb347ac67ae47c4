package io.hsystem.eventstore.manticore;

import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;

/**
 * The RT index layout. It extends the spec's {@code sim_service_events} block: {@code event_type},
 * {@code process_name} and {@code command_line} stay full-text fields, {@code asset_id}, {@code
 * event_time}, {@code src_ip} and {@code dst_ip} stay attributes of the spec's types, and every
 * other canonical field gets the same treatment by kind.
 */
final class Schema {

  /**
   * Full-text field with {@code _all} for every document and {@code h<ordinal>} per present field.
   */
  static final String HAS = "has";

  /** Full-text field with the trie tokens of numbers, times and addresses. */
  static final String NUM = "num";

  /** String attribute with the whole canonical event as JSON. */
  static final String STORED = "stored";

  /** Bigint attribute: event_time in epoch milliseconds (the spec's timestamp has seconds only). */
  static final String EVENT_MS = "event_ms";

  static final String ALL_TOKEN = "_all";

  /** A token never indexed: the query that matches nothing. */
  static final String NONE_TOKEN = "_none";

  private Schema() {}

  static String presentToken(EventField field) {
    return "h" + String.format("%02d", field.ordinal());
  }

  /** Full-text field with the characters of a string field's whole value. */
  static String valueField(EventField field) {
    return field.fieldName();
  }

  /** Full-text field with a text field's words. */
  static String wordsField(EventField field) {
    return field.fieldName() + "_words";
  }

  /** The attribute holding a field's value for grouping, or null for times and raw. */
  static String attribute(EventField field) {
    return switch (field.kind()) {
      case NUMBER, IP -> field.fieldName();
      case KEYWORD, TEXT -> field.fieldName() + "_value";
      case TIME, STORED -> null;
    };
  }

  static boolean indexed(EventField field) {
    return field.kind() != FieldKind.STORED;
  }

  /** The searchd index blocks (events and checkpoint state) for searchd.conf. */
  static String indexConfig(String index, String dataDir) {
    StringBuilder sb = new StringBuilder();
    sb.append("index ").append(index).append(" {\n");
    sb.append("  type = rt\n");
    sb.append("  path = ").append(dataDir).append('/').append(index).append('\n');
    sb.append("  dict = keywords\n");
    sb.append("  min_word_len = 1\n");
    sb.append("  charset_table = 0..9, a..z, _\n");
    sb.append("  rt_mem_limit = 256M\n");
    sb.append("  rt_field = ").append(HAS).append('\n');
    sb.append("  rt_field = ").append(NUM).append('\n');
    for (EventField field : EventField.ALL) {
      if (field.isString()) {
        sb.append("  rt_field = ").append(valueField(field)).append('\n');
      }
      if (field.kind() == FieldKind.TEXT) {
        sb.append("  rt_field = ").append(wordsField(field)).append('\n');
      }
    }
    sb.append("  rt_attr_timestamp = ").append(EventField.EVENT_TIME.fieldName()).append('\n');
    sb.append("  rt_attr_bigint = ").append(EVENT_MS).append('\n');
    for (EventField field : EventField.ALL) {
      String attribute = attribute(field);
      if (attribute == null) {
        continue;
      }
      String type =
          switch (field.kind()) {
            case NUMBER -> field == EventField.ASSET_ID ? "rt_attr_uint" : "rt_attr_bigint";
            default -> "rt_attr_string";
          };
      sb.append("  ").append(type).append(" = ").append(attribute).append('\n');
    }
    sb.append("  rt_attr_string = ").append(STORED).append('\n');
    sb.append("}\n\n");
    sb.append("index ").append(stateIndex(index)).append(" {\n");
    sb.append("  type = rt\n");
    sb.append("  path = ").append(dataDir).append('/').append(stateIndex(index)).append('\n');
    sb.append("  rt_field = name\n");
    sb.append("  rt_attr_bigint = checkpoint\n");
    sb.append("}\n");
    return sb.toString();
  }

  static String stateIndex(String index) {
    return index + "_state";
  }
}
