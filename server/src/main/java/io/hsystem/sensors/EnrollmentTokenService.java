package io.hsystem.sensors;

import io.hsystem.audit.AuditContext;
import io.hsystem.sensors.internal.EnrollmentTokenRepository;
import io.hsystem.sensors.internal.SensorCa;
import io.hsystem.shared.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time enrollment tokens: created by admins (shown once, with a ready command line), stored as
 * SHA-256 hashes, valid until used, expired or revoked. A token reads {@code hset_<secret>.<pin>}:
 * the secret authenticates the sensor to the server, the pin (base64url SHA-256 of the sensor CA's
 * public key) lets the sensor authenticate the server on its first connection (ADR 012).
 */
@Service
public class EnrollmentTokenService {

  static final String PREFIX = "hset_";
  static final int DEFAULT_MINUTES = 60;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EnrollmentTokenRepository repository;
  private final SensorCa ca;
  private final GatewayListener gateway;
  private final SensorsProperties properties;
  private final Clock clock;

  EnrollmentTokenService(
      EnrollmentTokenRepository repository,
      SensorCa ca,
      GatewayListener gateway,
      SensorsProperties properties,
      Clock clock) {
    this.repository = repository;
    this.ca = ca;
    this.gateway = gateway;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * A new token and its secret form, which is never shown again.
   *
   * @param token the token as listed
   * @param secret what the sensor is started with
   * @param command the sensor's command line, ready to paste on the honeypot host
   */
  public record CreatedToken(EnrollmentToken token, String secret, String command) {}

  /**
   * Creates a token.
   *
   * @param expiresInMinutes lifetime; null means {@value #DEFAULT_MINUTES}, at most {@code
   *     hsystem.sensors.max-token-lifetime}
   * @param name optional label, e.g. the host it is meant for
   */
  @Transactional
  public CreatedToken create(Integer expiresInMinutes, String name, Long createdBy) {
    long maxMinutes = properties.maxTokenLifetime().toMinutes();
    int minutes = expiresInMinutes == null ? DEFAULT_MINUTES : expiresInMinutes;
    if (minutes < 1 || minutes > maxMinutes) {
      throw ApiException.badField("expires_in_minutes", "must be 1 to " + maxMinutes);
    }
    String label = name == null || name.isBlank() ? null : name.trim();
    if (label != null && label.length() > 128) {
      throw ApiException.badField("name", "at most 128 characters");
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant now = clock.instant();
    long id =
        repository.insert(
            label,
            secret.substring(0, 12),
            hash(secret),
            createdBy,
            now,
            now.plus(Duration.ofMinutes(minutes)));
    AuditContext.target(id);
    AuditContext.detail("expires_in_minutes", minutes);
    if (label != null) {
      AuditContext.detail("name", label);
    }
    String token = secret + "." + ca.pin();
    return new CreatedToken(get(id), token, command(token));
  }

  @Transactional(readOnly = true)
  public List<EnrollmentToken> list() {
    Instant now = clock.instant();
    return repository.list().stream().map(r -> toToken(r, now)).toList();
  }

  @Transactional(readOnly = true)
  public EnrollmentToken get(long id) {
    return repository
        .find(id)
        .map(r -> toToken(r, clock.instant()))
        .orElseThrow(
            () ->
                new ApiException(
                    SensorProblem.TOKEN_NOT_FOUND, "no enrollment token with id " + id));
  }

  /** Revokes a token; revoking a used or revoked one changes nothing. */
  @Transactional
  public void revoke(long id) {
    get(id);
    repository.revoke(id, clock.instant());
  }

  /** The hash a token's secret part is stored under. */
  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String command(String token) {
    String host = gateway.advertisedHost();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "java -jar hsystem-sensor.jar --server https://"
        + host
        + ":"
        + gateway.advertisedPort()
        + " --token "
        + token;
  }

  private static EnrollmentToken toToken(EnrollmentTokenRepository.Row r, Instant now) {
    String state;
    if (r.revokedAt() != null) {
      state = "revoked";
    } else if (r.usedAt() != null) {
      state = "used";
    } else if (!r.expiresAt().isAfter(now)) {
      state = "expired";
    } else {
      state = "active";
    }
    return new EnrollmentToken(
        r.id(),
        r.name(),
        r.prefix(),
        state,
        r.createdBy(),
        r.createdAt(),
        r.expiresAt(),
        r.usedAt(),
        r.usedBy(),
        r.revokedAt());
  }
}
