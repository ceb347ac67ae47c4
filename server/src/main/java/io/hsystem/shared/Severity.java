package io.hsystem.shared;

import java.util.Locale;

/** Severity scale shared by alerts and vulnerabilities, lowest first. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a request value, naming {@code field} in the 400 when it is not a severity. */
  public static Severity parse(String field, String value) {
    return Enums.parse(Severity.class, field, value);
  }

  /**
   * CVSS v3/v4 qualitative rating: 0 → info, 0.1–3.9 low, 4–6.9 medium, 7–8.9 high, 9+ critical.
   */
  public static Severity fromCvss(double score) {
    if (score >= 9.0) {
      return CRITICAL;
    }
    if (score >= 7.0) {
      return HIGH;
    }
    if (score >= 4.0) {
      return MEDIUM;
    }
    if (score > 0.0) {
      return LOW;
    }
    return INFO;
  }
}
