package io.hsystem.sensors.internal;

import io.hsystem.secrets.SecretCipher;
import io.hsystem.shared.DataDirectory;
import java.time.Clock;
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
        new SecretCipher(
            masterKey == null || masterKey.isBlank()
                ? data.generatedKey("sensor-ca.key", "the sensor CA")
                : masterKey);
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
}
