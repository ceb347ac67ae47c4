package io.hsystem.secrets;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Replaces every {@code ENC(...)} property value with its decryption, before any bean reads it.
 * Start-up fails with a clear message when such a value exists and no master key is given.
 */
public class EncryptedPropertiesPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String MASTER_KEY = "HSYSTEM_MASTER_KEY";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> fromFiles = new LinkedHashMap<>();
    Map<String, Object> fromEnvironment = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    SecretCipher cipher = null;
    // sources come highest priority first: the first occurrence of a name is the effective one
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
        continue;
      }
      for (String name : enumerable.getPropertyNames()) {
        if (!seen.add(name)) {
          continue;
        }
        if (enumerable.getProperty(name) instanceof CharSequence text
            && SecretCipher.isEncrypted(text.toString())) {
          if (cipher == null) {
            cipher = cipher(environment, name);
          }
          String plain;
          try {
            plain = cipher.decrypt(text.toString());
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException("property " + name + ": " + e.getMessage());
          }
          (source instanceof SystemEnvironmentPropertySource ? fromEnvironment : fromFiles)
              .put(name, plain);
        }
      }
    }
    if (!fromFiles.isEmpty()) {
      environment
          .getPropertySources()
          .addFirst(new MapPropertySource("hsystem-decrypted", fromFiles));
    }
    if (!fromEnvironment.isEmpty()) {
      // keeps HSYSTEM_DB_PASSWORD-style names bindable to hsystem.db.password
      environment
          .getPropertySources()
          .addFirst(new SystemEnvironmentPropertySource("hsystem-decrypted-env", fromEnvironment));
    }
  }

  private static SecretCipher cipher(ConfigurableEnvironment environment, String property) {
    String key = environment.getProperty(MASTER_KEY);
    if (key == null || key.isBlank()) {
      throw new IllegalStateException(
          "property " + property + " is encrypted but " + MASTER_KEY + " is not set");
    }
    return new SecretCipher(key);
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after config files and the environment are loaded
  }
}
