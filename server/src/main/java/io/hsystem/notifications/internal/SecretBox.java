package io.hsystem.notifications.internal;

import io.hsystem.secrets.SecretCipher;
import io.hsystem.shared.DataDirectory;
import java.util.Map;
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
        new SecretCipher(
            masterKey == null || masterKey.isBlank()
                ? data.generatedKey("notification-secrets.key", "notification secrets")
                : masterKey);
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
}
