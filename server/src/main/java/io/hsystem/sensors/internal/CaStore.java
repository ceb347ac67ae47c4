package io.hsystem.sensors.internal;

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
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the sensor CA in the database, its private key sealed with {@link SecretCipher}
 * (AES-256-GCM) under {@code HSYSTEM_MASTER_KEY}, or, when that is not set, under a key generated
 * once into {@code <data>/keys/sensor-ca.key} (owner-only): a database dump alone does not reveal
 * the CA key. Several server instances share one CA, and then must share the master key.
 */
public final class CaStore {

  private static final Logger log = LoggerFactory.getLogger(CaStore.class);

  private CaStore() {}

  /** The stored CA, or a new one stored now (the first instance to store one wins). */
  public static SensorCa loadOrCreate(
      SensorRepository repository, String masterKey, DataDirectory data, Clock clock) {
    SecretCipher cipher =
        new SecretCipher(masterKey == null || masterKey.isBlank() ? generatedKey(data) : masterKey);
    var stored = repository.findCa();
    if (stored.isEmpty()) {
      SensorCa created = SensorCa.generate();
      if (repository.insertCa(
          created.certificatePem(), cipher.encrypt(created.privateKeyPem()), clock.instant())) {
        log.info("created the sensor CA (pin sha256:{})", created.pin());
        return created;
      }
      stored = repository.findCa();
    }
    String[] row = stored.orElseThrow();
    String keyPem;
    try {
      keyPem = cipher.decrypt(row[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the sensor CA key cannot be decrypted: was HSYSTEM_MASTER_KEY (or"
              + " <data>/keys/sensor-ca.key) changed? Restore it; enrolled sensors trust this CA");
    }
    return SensorCa.fromPem(row[0], keyPem);
  }

  private static String generatedKey(DataDirectory data) {
    Path file = data.resolve("keys").resolve("sensor-ca.key");
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
          return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        log.info("HSYSTEM_MASTER_KEY is not set: generated a key for the sensor CA in {}", file);
      }
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key " + file, e);
    }
  }
}
