package io.hsystem.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses API enum values (lower-case snake case) with a 400 that lists the allowed values. */
public final class Enums {

  private Enums() {}

  public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    if (value == null) {
      return null;
    }
    String wanted = value.trim().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    throw ApiException.badField(field, "must be one of " + allowed(type));
  }

  public static String value(Enum<?> constant) {
    return constant == null ? null : constant.name().toLowerCase(Locale.ROOT);
  }

  public static <E extends Enum<E>> String allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(Enums::value)
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
