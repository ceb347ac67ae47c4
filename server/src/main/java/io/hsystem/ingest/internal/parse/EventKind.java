package io.hsystem.ingest.internal.parse;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;

/** A canonical event type with its category. */
record EventKind(String type, String category) {

  static final String PROCESS = "process";
  static final String NETWORK = "network";
  static final String AUTHENTICATION = "authentication";
  static final String FILE = "file";
  static final String REGISTRY = "registry";
  static final String DNS = "dns";
  static final String HONEYPOT = "honeypot";
  static final String SYSTEM = "system";

  /** Sets {@code event_type} and {@code event_category}. */
  void applyTo(Event event) {
    event.set(EventField.EVENT_TYPE, type).set(EventField.EVENT_CATEGORY, category);
  }
}
