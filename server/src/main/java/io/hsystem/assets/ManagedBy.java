package io.hsystem.assets;

/** Who keeps an asset's record up to date. */
public enum ManagedBy {
  /** Entered and maintained by people through the API or console. */
  MANUAL,
  /** An endpoint agent checks in. */
  AGENT,
  /** A honeypot sensor checks in. */
  SENSOR
}
