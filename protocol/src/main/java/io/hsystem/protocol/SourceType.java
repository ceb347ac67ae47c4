package io.hsystem.protocol;

import java.util.Locale;

/** Where an event came from, which decides how its records are parsed. */
public enum SourceType {
  /** H-System honeypot sensor, canonical fields as sent. */
  HSYSTEM_SENSOR,
  /** H-System endpoint agent, canonical fields as sent. */
  HSYSTEM_AGENT,
  /** Sysmon JSON, flat (EventID, Image…) or nested (Event.EventData). */
  SYSMON,
  /** Elastic Common Schema JSON, as Beats and Elastic Agent emit it. */
  ECS,
  /** Cowrie SSH/Telnet honeypot JSON log. */
  COWRIE,
  /** OpenCanary JSON log. */
  OPENCANARY,
  /** Syslog RFC 3164 / RFC 5424 lines. */
  SYSLOG;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
