package io.hsystem.alerts;

/** What raised an alert. */
public enum DetectionSource {
  /** A single-event rule (Sigma). */
  RULE,
  /** A correlation rule over several events in a window. */
  CORRELATION,
  /** A threat-intelligence indicator seen in an event. */
  INTEL
}
