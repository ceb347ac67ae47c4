package io.hsystem.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The third-party data beside the project ({@code ../shared/data}). Tests that need it skip with a
 * visible reason when it is absent; under {@code HSYSTEM_CI=1} they fail instead.
 */
public final class SharedData {

  private SharedData() {}

  /** The path of a file or folder under shared/data, or a skip (a failure in CI). */
  public static Path require(String relative) {
    for (Path base : new Path[] {Path.of("../shared/data"), Path.of("../../shared/data")}) {
      Path candidate = base.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    String reason = "third-party data not found: ../shared/data/" + relative;
    if ("1".equals(System.getenv("HSYSTEM_CI"))) {
      Assertions.fail(reason + " (HSYSTEM_CI=1 turns this skip into a failure)");
    }
    Assumptions.assumeTrue(false, reason);
    return null;
  }
}
