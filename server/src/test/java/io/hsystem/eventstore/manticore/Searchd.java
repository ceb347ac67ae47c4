package io.hsystem.eventstore.manticore;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real searchd for tests, with its own config, data, pid file and logs under a folder, listening
 * for SphinxQL on a free loopback port. {@link #restart()} keeps the data, to prove persistence.
 */
final class Searchd implements AutoCloseable {

  static final String INDEX = "events";
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Path config;
  private final Path pidFile;
  private final Path log;
  private final int port;

  private Searchd(Path home) throws IOException {
    Path data = Files.createDirectories(home.resolve("data"));
    this.config = home.resolve("searchd.conf");
    this.pidFile = home.resolve("searchd.pid");
    this.log = home.resolve("searchd.log");
    this.port = freePort();
    Files.writeString(
        config,
        ManticoreEventStore.indexConfig(INDEX, data)
            + "\nsearchd {\n"
            + "  listen = 127.0.0.1:"
            + port
            + ":mysql41\n"
            + "  log = "
            + log
            + "\n  query_log = "
            + home.resolve("query.log")
            + "\n  pid_file = "
            + pidFile
            + "\n  binlog_path = "
            + data
            + "\n  workers = threads\n"
            + "  collation_server = binary\n"
            + "}\n");
  }

  /**
   * Skips the calling test class when searchd is missing, or fails it when {@code HSYSTEM_CI=1}.
   */
  static void requireInstalled() {
    if (executable() == null) {
      String reason = "searchd not installed: apt-get install sphinxsearch";
      if ("1".equals(System.getenv("HSYSTEM_CI"))) {
        fail(reason + " (HSYSTEM_CI=1 requires it)");
      }
      Assumptions.assumeTrue(false, reason);
    }
  }

  static String executable() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin");
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir, "searchd");
      if (candidate.canExecute()) {
        return candidate.getAbsolutePath();
      }
    }
    return null;
  }

  /** Writes a config under {@code home} and starts searchd on it. */
  static Searchd start(Path home) throws Exception {
    Searchd searchd = new Searchd(home);
    searchd.launch();
    return searchd;
  }

  int port() {
    return port;
  }

  /** Stops searchd and starts it again on the same data. */
  void restart() throws Exception {
    stop();
    launch();
  }

  private void launch() throws Exception {
    Process process =
        new ProcessBuilder(executable(), "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(config.resolveSibling("searchd.out").toFile())
            .start();
    if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("searchd did not start: " + diagnostics());
    }
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (true) {
      try {
        SphinxQlConnection.open("127.0.0.1", port, "test", "", Duration.ofSeconds(2)).close();
        return;
      } catch (SphinxQlException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("searchd does not answer: " + diagnostics(), e);
        }
        Thread.sleep(50);
      }
    }
  }

  private String diagnostics() throws IOException {
    Path out = config.resolveSibling("searchd.out");
    return (Files.exists(out) ? Files.readString(out) : "")
        + (Files.exists(log) ? Files.readString(log) : "");
  }

  /** Stops searchd by its pid and waits until it has exited. */
  void stop() throws Exception {
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(pid)
        .ifPresent(
            handle -> {
              handle.destroy();
              try {
                handle.onExit().get(STARTUP.toSeconds(), TimeUnit.SECONDS);
              } catch (Exception e) {
                handle.destroyForcibly();
              }
            });
    Files.deleteIfExists(pidFile);
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
