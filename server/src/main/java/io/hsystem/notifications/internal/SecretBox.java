package io.hsystem.notifications.internal;

import io.hsystem.secrets.SecretCipher;
import io.hsystem.shared.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals a channel's secrets into one {@code ENC(...)} value ({@link SecretCipher}: AES-256-GCM
 * under a key derived from the master key) and opens it again. The master key is {@code
 * HSYSTEM_MASTER_KEY} when set; otherwise one is generated once into {@code
 * <data>/keys/notification-secrets.key}, readable by the owner only, so that a database dump alone
 * does not reveal the secrets.
 */
public final class SecretBox {

  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

  private final SecretCipher cipher;
  private final JsonMapper json;

  /** Thrown when sealed secrets cannot be opened: another master key, or a damaged value. */
  public static class UnreadableException extends Exception {
    UnreadableException(String message) {
      super(message, null, false, false);
    }
  }

  public SecretBox(String masterKey, DataDirectory data, JsonMapper json) {
    this.cipher =
        new SecretCipher(masterKey == null || masterKey.isBlank() ? generatedKey(data) : masterKey);
    this.json = json;
  }

  /** The secrets as one encrypted value, or null when there are none. */
  public String seal(Map<String, Object> secrets) {
    return secrets.isEmpty() ? null : cipher.encrypt(json.writeValueAsString(secrets));
  }

  /** The secrets of a sealed value; an empty map for null. */
  public Map<String, Object> open(String sealed) throws UnreadableException {
    if (sealed == null) {
      return Map.of();
    }
    try {
      return json.readValue(cipher.decrypt(sealed), new TypeReference<Map<String, Object>>() {});
    } catch (IllegalArgumentException e) {
      throw new UnreadableException(
          "the channel's secrets cannot be decrypted (was the master key changed?); enter them"
              + " again");
    }
  }

  private static String generatedKey(DataDirectory data) {
    Path file = data.resolve("keys").resolve("notification-secrets.key");
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
          return read(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        log.info(
            "HSYSTEM_MASTER_KEY is not set: generated a key for notification secrets in {}", file);
      }
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key " + file, e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII).trim();
  }
}
