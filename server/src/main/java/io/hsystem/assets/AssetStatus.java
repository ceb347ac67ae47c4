package io.hsystem.assets;

/**
 * Asset state. For agent- and sensor-managed assets it is derived from {@code last_checkin}; for
 * manual assets it is what the operator set.
 */
public enum AssetStatus {
  ONLINE,
  OFFLINE,
  UNKNOWN,
  DECOMMISSIONED
}
