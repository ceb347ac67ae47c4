package io.hsystem.notifications;

import java.time.Instant;

/**
 * What a channel delivered since it was created (test messages excluded).
 *
 * @param sent messages delivered (alerts, digests)
 * @param failed messages given up on after their retries, or refused without retry
 * @param rateLimited alerts that the rate limit folded into a digest instead of a message each
 * @param lastError the latest failure, without secrets
 */
public record DeliveryStats(
    long sent,
    long failed,
    long rateLimited,
    String lastError,
    Instant lastErrorAt,
    Instant lastSuccessAt) {}
