package io.hsystem.intel;

import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.List;

/**
 * A stored indicator of compromise. The same value from two sources is two indicators, each with
 * its own confidence and expiry.
 *
 * @param value canonical form for its {@link IocType}
 * @param source who said so: {@code manual}, {@code honeypot}, or an import's name
 * @param confidence 0–100, how sure the source is
 * @param severity hint for alerts raised on a match
 * @param firstSeen when the indicator was first recorded (honeypot: first attack)
 * @param lastSeen when it was last recorded or re-imported (honeypot: latest attack)
 * @param expiresAt after this it never matches; null never expires
 * @param sightings how often a honeypot recorded the attacker; 0 for other sources
 * @param createdBy user id, null when the system created it
 */
public record Ioc(
    long id,
    IocType type,
    String value,
    String source,
    int confidence,
    Severity severity,
    List<String> tags,
    String description,
    Instant firstSeen,
    Instant lastSeen,
    Instant expiresAt,
    int sightings,
    Long createdBy,
    Instant createdAt,
    Instant updatedAt) {

  /** True while the indicator has not expired at {@code now}. */
  public boolean activeAt(Instant now) {
    return expiresAt == null || expiresAt.isAfter(now);
  }
}
