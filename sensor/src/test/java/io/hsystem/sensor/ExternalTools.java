package io.hsystem.sensor;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs the tool tests drive (nmap, hydra, sshpass, ssh). A missing tool skips the test
 * with a visible reason — except in CI ({@code HSYSTEM_CI=1}), where it fails the test.
 */
public final class ExternalTools {

  private ExternalTools() {}

  /** The tool's path on {@code PATH}; aborts (or fails in CI) when it is not installed. */
  public static String require(String tool) {
    for (String dir :
        System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      File f = new File(dir, tool);
      if (f.isFile() && f.canExecute()) {
        return f.getPath();
      }
    }
    String reason = tool + " not installed: apt-get install " + tool + " to run this test";
    if ("1".equals(System.getenv("HSYSTEM_CI"))) {
      throw new AssertionError(reason + " (HSYSTEM_CI=1: missing tools fail the build)");
    }
    Assumptions.abort(reason);
    return null;
  }
}
