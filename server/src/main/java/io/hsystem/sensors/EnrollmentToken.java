package io.hsystem.sensors;

import java.time.Instant;
import java.util.UUID;

/**
 * An enrollment token as listed (never with its secret).
 *
 * @param prefix the first characters of the token, to recognise it
 * @param state {@code active}, {@code used}, {@code expired} or {@code revoked}
 * @param usedBy the sensor that enrolled with it
 */
public record EnrollmentToken(
    long id,
    String name,
    String prefix,
    String state,
    Long createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant usedAt,
    UUID usedBy,
    Instant revokedAt) {}
