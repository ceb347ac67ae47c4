package io.hsystem.sensor.shipper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** The last configuration the server sent, kept in {@code config.json} of the state folder. */
final class ConfigStore {

  static final String FILE = "config.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConfigStore() {}

  static void save(Path stateDir, String configJson) throws IOException {
    Credentials.writeOwnerOnly(stateDir.resolve(FILE), configJson);
  }

  static Optional<String> load(Path stateDir) throws IOException {
    Path file = stateDir.resolve(FILE);
    return Files.exists(file)
        ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  /** The {@code config_version} of a configuration, 0 when absent. */
  static long version(String configJson) {
    try {
      return JSON.readTree(configJson).path("config_version").asLong(0);
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
