package io.hsystem.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The chain hash: SHA-256 over the previous row's hash and every field of the row, each field
 * length-prefixed so that no two different rows encode alike.
 */
public final class AuditHasher {

  public static final String GENESIS = "0".repeat(64);

  private AuditHasher() {}

  public static String hash(
      String prevHash,
      long id,
      Instant eventTime,
      Long actorUserId,
      String actorUsername,
      String sourceIp,
      String action,
      String targetType,
      String targetId,
      String outcome,
      String details) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long micros = eventTime.getEpochSecond() * 1_000_000L + eventTime.getNano() / 1_000;
    for (String field :
        new String[] {
          prevHash,
          Long.toString(id),
          Long.toString(micros),
          actorUserId == null ? null : Long.toString(actorUserId),
          actorUsername,
          sourceIp,
          action,
          targetType,
          targetId,
          outcome,
          details
        }) {
      byte[] bytes = field == null ? null : field.getBytes(StandardCharsets.UTF_8);
      String prefix = (bytes == null ? -1 : bytes.length) + ":";
      sha.update(prefix.getBytes(StandardCharsets.US_ASCII));
      if (bytes != null) {
        sha.update(bytes);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
