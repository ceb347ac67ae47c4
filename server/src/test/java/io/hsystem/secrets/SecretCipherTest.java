package io.hsystem.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SecretCipherTest {

  private static final String KEY = "master-key-for-tests-0123456789";

  @Test
  void aValueRoundTripsAndEachEncryptionDiffers() {
    SecretCipher cipher = new SecretCipher(KEY);
    String a = cipher.encrypt("s3cret-db-pass");
    String b = cipher.encrypt("s3cret-db-pass");
    assertThat(a).startsWith("ENC(v1:").endsWith(")").isNotEqualTo(b).doesNotContain("s3cret");
    assertThat(cipher.decrypt(a)).isEqualTo("s3cret-db-pass");
  }

  @Test
  void aWrongKeyOrAModifiedByteIsRefused() {
    String value = new SecretCipher(KEY).encrypt("s3cret");
    assertThatThrownBy(() -> new SecretCipher("another-master-key-000000").decrypt(value))
        .hasMessageContaining("cannot decrypt");
    byte[] raw = Base64.getDecoder().decode(value.substring(7, value.length() - 1));
    raw[raw.length - 1] ^= 1;
    String modified = "ENC(v1:" + Base64.getEncoder().encodeToString(raw) + ")";
    assertThatThrownBy(() -> new SecretCipher(KEY).decrypt(modified))
        .hasMessageContaining("cannot decrypt");
    assertThatThrownBy(() -> new SecretCipher("short")).hasMessageContaining("at least 16");
  }

  @Test
  void encryptedValuesInFilesAndEnvironmentAreDecryptedBeforeBinding() {
    SecretCipher cipher = new SecretCipher(KEY);
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "file",
                Map.of(
                    "hsystem.auth.jwt-secret",
                    cipher.encrypt("jwt-secret-value"),
                    "hsystem.db.user",
                    "plain-user")));
    env.getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                "env",
                Map.of(
                    "HSYSTEM_DB_PASSWORD",
                    cipher.encrypt("db-password"),
                    "HSYSTEM_MASTER_KEY",
                    KEY)));

    new EncryptedPropertiesPostProcessor().postProcessEnvironment(env, null);

    Binder binder = new Binder(ConfigurationPropertySources.get(env));
    assertThat(binder.bind("hsystem.db.password", String.class).get()).isEqualTo("db-password");
    assertThat(binder.bind("hsystem.auth.jwt-secret", String.class).get())
        .isEqualTo("jwt-secret-value");
    assertThat(binder.bind("hsystem.db.user", String.class).get()).isEqualTo("plain-user");
  }

  @Test
  void anEncryptedValueWithoutAMasterKeyStopsTheStartWithAClearMessage() {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "file", Map.of("hsystem.db.password", new SecretCipher(KEY).encrypt("x"))));
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    assertThatThrownBy(
            () -> new EncryptedPropertiesPostProcessor().postProcessEnvironment(env, null))
        .hasMessageContaining("hsystem.db.password is encrypted but HSYSTEM_MASTER_KEY is not set");
  }
}
