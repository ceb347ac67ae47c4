package io.hsystem.auth;

import java.time.Duration;

/**
 * What a login or refresh hands out.
 *
 * @param accessToken signed JWT for the {@code Authorization: Bearer} header
 * @param accessTokenTtl its lifetime
 * @param refreshToken opaque token for {@code /auth/refresh}, single use
 * @param refreshTokenTtl its lifetime
 * @param mustChangePassword the user must choose a new password
 */
public record TokenPair(
    String accessToken,
    Duration accessTokenTtl,
    String refreshToken,
    Duration refreshTokenTtl,
    boolean mustChangePassword) {}
