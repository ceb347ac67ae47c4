package io.hsystem.intel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Threat-intelligence settings ({@code hsystem.intel.*}).
 *
 * @param honeypotConfidence confidence of indicators recorded from honeypot attackers
 * @param honeypotTtl a honeypot attacker's indicator expires this long after its last attack
 * @param honeypotRefreshDelay the matcher picks up new honeypot attackers within this delay (their
 *     recordings are gathered into one rebuild rather than one per batch)
 * @param defaultConfidence confidence of created or imported indicators that do not give one
 * @param importMaxBytes largest import body (413 beyond); {@code hsystem.api.max-body-bytes} also
 *     applies
 * @param importMaxRecords most records in one import (413 beyond)
 * @param refreshInterval how often the matcher is rebuilt regardless of changes, dropping expired
 *     indicators from memory
 */
@ConfigurationProperties("hsystem.intel")
public record IntelProperties(
    @DefaultValue("30") int honeypotConfidence,
    @DefaultValue("30d") Duration honeypotTtl,
    @DefaultValue("10s") Duration honeypotRefreshDelay,
    @DefaultValue("50") int defaultConfidence,
    @DefaultValue("1048576") long importMaxBytes,
    @DefaultValue("50000") int importMaxRecords,
    @DefaultValue("5m") Duration refreshInterval) {

  public IntelProperties {
    requireConfidence("honeypot-confidence", honeypotConfidence);
    requireConfidence("default-confidence", defaultConfidence);
    if (honeypotTtl.isNegative() || honeypotTtl.isZero()) {
      throw new IllegalArgumentException("hsystem.intel.honeypot-ttl must be positive");
    }
    if (importMaxBytes < 1 || importMaxRecords < 1) {
      throw new IllegalArgumentException("hsystem.intel.import-max-* must be positive");
    }
    if (refreshInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("hsystem.intel.refresh-interval must be at least 1s");
    }
  }

  private static void requireConfidence(String name, int value) {
    if (value < 0 || value > 100) {
      throw new IllegalArgumentException("hsystem.intel." + name + " must be 0–100, was " + value);
    }
  }
}
