package io.hsystem.sensor;

import io.hsystem.sensor.config.SensorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Sensors for tests: loopback only, every port picked by the system. */
public final class TestSensors {

  private static Path sharedDataDir;

  private TestSensors() {}

  /**
   * One data dir for the whole test run, so the RSA host key is generated once (tests about key
   * persistence use their own).
   */
  public static synchronized Path sharedDataDir() {
    if (sharedDataDir == null) {
      try {
        sharedDataDir = Files.createTempDirectory("hsystem-sensor-test");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sharedDataDir;
  }

  public static SensorConfig config() {
    return SensorConfig.defaults()
        .withBindAddress("127.0.0.1")
        .withDataDir(sharedDataDir())
        .withEachService(s -> s.withPort(0));
  }

  public static SensorConfig config(UnaryOperator<SensorConfig> change) {
    return change.apply(config());
  }

  /** Only the named services, enabled, on free ports. */
  public static SensorConfig only(String... names) {
    java.util.Set<String> wanted = java.util.Set.of(names);
    return config().withEachService(s -> s.withEnabled(wanted.contains(s.name())));
  }
}
