package io.hsystem.sensor.tools;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external tools with a time bound, and looks at the machine's processes. */
final class Processes {

  private Processes() {}

  record Result(int exitCode, String output) {}

  static Result run(List<String> command, File dir, Duration timeout) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir);
    }
    Path out = Files.createTempFile("tool", ".out");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(
            command.get(0) + " did not finish within " + timeout + ": " + Files.readString(out));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Command lines (NUL → space) of every process now running whose command line contains text. */
  static List<String> processesContaining(String text) {
    List<String> found = new ArrayList<>();
    File[] entries = new File("/proc").listFiles();
    if (entries == null) {
      return found;
    }
    for (File f : entries) {
      if (!f.getName().matches("\\d+")) {
        continue;
      }
      try {
        byte[] raw = Files.readAllBytes(f.toPath().resolve("cmdline"));
        String cmdline = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        if (cmdline.contains(text)) {
          found.add(f.getName() + ": " + cmdline);
        }
      } catch (IOException gone) {
        // the process ended while we looked
      }
    }
    return found;
  }
}
