package io.hsystem.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication settings ({@code hsystem.auth.*}).
 *
 * @param accessTokenTtl lifetime of a JWT access token (spec §8: 2 h)
 * @param refreshTokenTtl lifetime of a login session and its refresh token
 * @param maxFailedLogins failed logins in a row that lock a user name
 * @param lockDuration how long a lock lasts
 * @param passwordMinLength shortest password the policy accepts
 * @param jwtSecret base64 HS256 key (may be {@code ENC(...)}); blank keeps a generated key in the
 *     data folder
 * @param initialAdminPassword password of the {@code admin} created on first start ({@code
 *     HSYSTEM_ADMIN_PASSWORD}); blank generates one and prints it once
 * @param bcryptStrength cost factor of password hashes
 */
@ConfigurationProperties("hsystem.auth")
public record AuthProperties(
    @DefaultValue("2h") Duration accessTokenTtl,
    @DefaultValue("12h") Duration refreshTokenTtl,
    @DefaultValue("5") int maxFailedLogins,
    @DefaultValue("30m") Duration lockDuration,
    @DefaultValue("12") int passwordMinLength,
    String jwtSecret,
    String initialAdminPassword,
    @DefaultValue("10") int bcryptStrength) {}
