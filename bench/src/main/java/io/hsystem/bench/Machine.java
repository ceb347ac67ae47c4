package io.hsystem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numbers were measured on. */
final class Machine {

  private Machine() {}

  static String describe(Path disk) {
    StringBuilder sb = new StringBuilder();
    sb.append(Runtime.getRuntime().availableProcessors()).append(" cores");
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          sb.append(", ").append(kb / 1024 / 1024).append(" GiB RAM");
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          sb.append(", ").append(line.substring(line.indexOf(':') + 1).trim());
          break;
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    sb.append(", JDK ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"));
    try {
      var store = Files.getFileStore(disk);
      sb.append(", disk ")
          .append(store.name())
          .append(" (")
          .append(store.type())
          .append(", ")
          .append(store.getUsableSpace() / (1L << 30))
          .append(" GiB free)");
    } catch (IOException ignored) {
      // unknown
    }
    return sb.toString();
  }

  static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
