package io.hsystem.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts configuration values with AES-256-GCM under a key derived from the master
 * key (PBKDF2-HMAC-SHA256, a fresh salt per value). Format: {@code ENC(v1:<base64 salt|iv|ct>)}.
 */
public final class SecretCipher {

  private static final String PREFIX = "ENC(";
  private static final String VERSION = "v1:";
  private static final int SALT_BYTES = 16;
  private static final int IV_BYTES = 12;
  private static final int ITERATIONS = 210_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final char[] masterKey;

  public SecretCipher(String masterKey) {
    if (masterKey == null || masterKey.length() < 16) {
      throw new IllegalArgumentException("HSYSTEM_MASTER_KEY must be at least 16 characters");
    }
    this.masterKey = masterKey.toCharArray();
  }

  public static boolean isEncrypted(String value) {
    return value != null && value.startsWith(PREFIX) && value.endsWith(")");
  }

  public String encrypt(String plain) {
    try {
      byte[] salt = random(SALT_BYTES);
      byte[] iv = random(IV_BYTES);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key(salt), new GCMParameterSpec(128, iv));
      byte[] ct = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      ByteBuffer out = ByteBuffer.allocate(salt.length + iv.length + ct.length);
      out.put(salt).put(iv).put(ct);
      return PREFIX + VERSION + Base64.getEncoder().encodeToString(out.array()) + ")";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  /** Decrypts an {@code ENC(...)} value; a wrong master key or a modified value fails. */
  public String decrypt(String value) {
    if (!isEncrypted(value)) {
      throw new IllegalArgumentException("not an ENC(...) value");
    }
    String inner = value.substring(PREFIX.length(), value.length() - 1);
    if (!inner.startsWith(VERSION)) {
      throw new IllegalArgumentException("unknown ENC format");
    }
    try {
      byte[] all = Base64.getDecoder().decode(inner.substring(VERSION.length()));
      if (all.length < SALT_BYTES + IV_BYTES + 16) {
        throw new IllegalArgumentException("ENC value is truncated");
      }
      ByteBuffer in = ByteBuffer.wrap(all);
      byte[] salt = new byte[SALT_BYTES];
      byte[] iv = new byte[IV_BYTES];
      in.get(salt).get(iv);
      byte[] ct = new byte[in.remaining()];
      in.get(ct);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key(salt), new GCMParameterSpec(128, iv));
      return new String(cipher.doFinal(ct), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot decrypt: wrong HSYSTEM_MASTER_KEY or a damaged value", e);
    }
  }

  private SecretKeySpec key(byte[] salt) throws GeneralSecurityException {
    SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    byte[] key =
        factory.generateSecret(new PBEKeySpec(masterKey, salt, ITERATIONS, 256)).getEncoded();
    return new SecretKeySpec(key, "AES");
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
