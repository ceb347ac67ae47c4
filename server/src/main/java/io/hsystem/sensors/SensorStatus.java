package io.hsystem.sensors;

/** A sensor's state as the admin API shows it. */
public enum SensorStatus {
  /** Heard from within three heartbeat intervals. */
  ONLINE,
  /** Not heard from for three heartbeat intervals (or never). */
  OFFLINE,
  /** Its certificate is no longer accepted; it may be enrolled again with a new token. */
  REVOKED,
  /** Taken out of service: revoked, and its asset marked decommissioned. */
  DECOMMISSIONED
}
