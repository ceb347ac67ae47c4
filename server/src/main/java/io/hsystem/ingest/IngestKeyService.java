package io.hsystem.ingest;

import io.hsystem.assets.AssetService;
import io.hsystem.audit.AuditContext;
import io.hsystem.ingest.internal.IngestKeyRepository;
import io.hsystem.protocol.SourceType;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Enums;
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
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ingest API keys: created by admins (the secret is shown once), stored as SHA-256 hashes, bound to
 * a source type and optionally to an asset, revocable. Lookups are cached for a few seconds, so a
 * revoked key stops working within {@link #CACHE_TTL}.
 */
@Service
public class IngestKeyService {

  static final Duration CACHE_TTL = Duration.ofSeconds(5);
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final String PREFIX = "hsk_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IngestKeyRepository repository;
  private final AssetService assets;
  private final Clock clock;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  IngestKeyService(IngestKeyRepository repository, AssetService assets, Clock clock) {
    this.repository = repository;
    this.assets = assets;
    this.clock = clock;
  }

  /** A new key and its secret, which is never shown again. */
  public record CreatedKey(IngestKey key, String secret) {}

  private record Cached(IngestKey key, long expiresAtNanos) {}

  @Transactional
  public CreatedKey create(String name, SourceType sourceType, Long assetId, Long createdBy) {
    if (name == null || name.isBlank() || name.length() > 128) {
      throw ApiException.badField("name", "is required, at most 128 characters");
    }
    if (sourceType == null) {
      throw ApiException.badField(
          "source_type", "is required, one of " + Enums.allowed(SourceType.class));
    }
    if (assetId != null && !assets.exists(assetId)) {
      throw ApiException.badField("asset_id", "no asset with id " + assetId);
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    long id =
        repository.insert(
            name.trim(),
            secret.substring(0, 12),
            sha256(secret),
            sourceType.value(),
            assetId,
            createdBy,
            clock.instant());
    AuditContext.target(id);
    AuditContext.detail("name", name.trim());
    AuditContext.detail("source_type", sourceType.value());
    return new CreatedKey(get(id), secret);
  }

  @Transactional(readOnly = true)
  public List<IngestKey> list() {
    return repository.list().stream().map(IngestKeyService::toKey).toList();
  }

  @Transactional(readOnly = true)
  public IngestKey get(long id) {
    return repository
        .find(id)
        .map(IngestKeyService::toKey)
        .orElseThrow(
            () -> new ApiException(IngestProblem.KEY_NOT_FOUND, "no ingest key with id " + id));
  }

  @Transactional
  public void revoke(long id) {
    get(id);
    repository.revoke(id, clock.instant());
    cache.clear();
  }

  /** The active key with this secret, or a 401. */
  public IngestKey authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 128) {
      throw new ApiException(IngestProblem.INVALID_KEY, "send a valid key in the X-API-Key header");
    }
    String hash = sha256(secret);
    long now = System.nanoTime();
    Cached cached = cache.get(hash);
    if (cached == null || cached.expiresAtNanos() < now) {
      IngestKey key =
          repository
              .findActiveByHash(hash)
              .map(IngestKeyService::toKey)
              .orElseThrow(
                  () ->
                      new ApiException(
                          IngestProblem.INVALID_KEY, "the ingest key is unknown or revoked"));
      Instant at = clock.instant();
      if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(at.minus(TOUCH_EVERY))) {
        repository.touch(key.id(), at);
      }
      cached = new Cached(key, now + CACHE_TTL.toNanos());
      cache.put(hash, cached);
    }
    return cached.key();
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static IngestKey toKey(IngestKeyRepository.Row r) {
    return new IngestKey(
        r.id(),
        r.name(),
        r.prefix(),
        Enums.parse(SourceType.class, "source_type", r.sourceType()),
        r.assetId(),
        r.createdBy(),
        r.createdAt(),
        r.revokedAt(),
        r.lastUsedAt());
  }
}
