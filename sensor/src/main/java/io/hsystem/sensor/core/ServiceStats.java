package io.hsystem.sensor.core;

/**
 * Counters of a running sensor, since it started.
 *
 * @param accepted connections accepted and handed to a decoy
 * @param refusedGlobal connections closed on accept because the global cap was reached
 * @param refusedPerSource connections closed on accept because their source reached its cap
 * @param eventsEmitted events handed to the sink
 * @param sinkFailures events the sink threw on (dropped)
 * @param activeSessions connections open now
 */
public record ServiceStats(
    long accepted,
    long refusedGlobal,
    long refusedPerSource,
    long eventsEmitted,
    long sinkFailures,
    int activeSessions) {

  /** All connections closed by a cap. */
  public long refused() {
    return refusedGlobal + refusedPerSource;
  }
}
