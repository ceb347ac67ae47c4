package io.hsystem.protocol;

import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * One canonical event: a value per {@link EventField}, or nothing. Values are {@code String} for
 * keyword, text, IP and stored fields, {@code Long} for numbers and {@code Instant} for times.
 *
 * <p>Mutable while a parser fills it; treat it as read-only once it has been handed on.
 */
public final class Event {

  private final Object[] values = new Object[EventField.COUNT];

  /** Sets a field; null or a blank string clears it. Wrong value types are refused. */
  public Event set(EventField field, Object value) {
    if (value instanceof String s && s.isEmpty()) {
      value = null;
    }
    if (value != null) {
      Class<?> expected =
          switch (field.kind()) {
            case NUMBER -> Long.class;
            case TIME -> Instant.class;
            default -> String.class;
          };
      if (!expected.isInstance(value)) {
        throw new IllegalArgumentException(
            field.fieldName()
                + " takes "
                + expected.getSimpleName()
                + ", not "
                + value.getClass().getSimpleName());
      }
    }
    values[field.ordinal()] = value;
    return this;
  }

  public Object get(EventField field) {
    return values[field.ordinal()];
  }

  public String getString(EventField field) {
    Object value = values[field.ordinal()];
    return value == null ? null : value.toString();
  }

  public Long getLong(EventField field) {
    return (Long) values[field.ordinal()];
  }

  public Instant getTime(EventField field) {
    return (Instant) values[field.ordinal()];
  }

  public boolean has(EventField field) {
    return values[field.ordinal()] != null;
  }

  /** Calls the consumer for every field that has a value, in field order. */
  public void forEach(BiConsumer<EventField, Object> consumer) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        consumer.accept(EventField.ALL.get(i), values[i]);
      }
    }
  }

  /** A shallow copy. */
  public Event copy() {
    Event copy = new Event();
    System.arraycopy(values, 0, copy.values, 0, values.length);
    return copy;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Event{");
    forEach(
        (f, v) ->
            sb.append(f.fieldName())
                .append('=')
                .append(f == EventField.RAW ? "…" : v)
                .append(", "));
    return sb.append('}').toString();
  }
}
