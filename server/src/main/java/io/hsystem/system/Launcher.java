package io.hsystem.system;

import io.hsystem.system.internal.UpdateState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The small supervisor {@code java -jar hsystem-server.jar} starts first (unless {@code
 * HSYSTEM_LAUNCHER=off}): it runs the server in a child JVM — the jar named by {@code
 * <data>/update/active}, else its own — with the same JVM options and arguments, and starts it
 * again when it exits with {@link #RESTART}. After an update it watches the new version: if it
 * exits or is not healthy within the update's health timeout, the launcher switches back to the
 * previous jar and starts it with the pre-update backup to restore ({@code HSYSTEM_RESTORE}), and
 * records why. Under systemd the unit runs this launcher too, so both work alike.
 *
 * <p>No Spring: it runs before, and outside, the application context.
 */
public final class Launcher {

  /** Exit code by which the server asks to be started again (EX_TEMPFAIL). */
  public static final int RESTART = 75;

  /** Set in the child's environment: the launcher's pid. */
  public static final String LAUNCHED_BY = "HSYSTEM_LAUNCHED_BY";

  private final Path dataDir;
  private final Path ownJar;
  private final String[] args;
  private final int port;

  private Launcher(Path dataDir, Path ownJar, String[] args, int port) {
    this.dataDir = dataDir;
    this.ownJar = ownJar;
    this.args = args;
    this.port = port;
  }

  /** Whether {@code main} should supervise rather than run the server itself. */
  public static boolean wanted(Path ownJar) {
    return ownJar != null
        && System.getenv(LAUNCHED_BY) == null
        && !"off".equalsIgnoreCase(String.valueOf(System.getenv("HSYSTEM_LAUNCHER")));
  }

  /** Runs the supervisor loop until the server exits other than to restart. */
  public static int run(Path ownJar, String[] args) throws Exception {
    String dir = System.getenv().getOrDefault("HSYSTEM_DATA_DIR", "./data");
    String portText = System.getenv().getOrDefault("HSYSTEM_PORT", "8000");
    for (String arg : args) {
      if (arg.startsWith("--hsystem.data-dir=")) {
        dir = arg.substring("--hsystem.data-dir=".length());
      } else if (arg.startsWith("--server.port=")) {
        portText = arg.substring("--server.port=".length());
      }
    }
    return new Launcher(
            Path.of(dir).toAbsolutePath().normalize(),
            ownJar,
            args,
            Integer.parseInt(portText.trim()))
        .loop();
  }

  private int loop() throws Exception {
    UpdateState states = new UpdateState(dataDir);
    String restoreFile = null;
    while (true) {
      Path jar = states.activeJar().filter(Files::isRegularFile).orElse(ownJar);
      Process child = start(jar, restoreFile);
      restoreFile = null;
      Map<String, Object> state = states.read();
      if ("restarting".equals(state.get("status"))) {
        String failure = watchNewVersion(child, state);
        if (failure != null) {
          if (child.isAlive()) {
            child.destroy();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
              child.destroyForcibly().waitFor();
            }
          }
          states.rollBack(failure);
          restoreFile = (String) state.get("backup_file");
          System.err.println("[launcher] update failed: " + failure + "; rolling back");
          continue;
        }
      }
      int code = child.waitFor();
      if (code != RESTART) {
        return code;
      }
    }
  }

  /**
   * Waits until the new version answers healthy, or says why it did not: it exited, or stayed
   * unhealthy past the timeout.
   */
  private String watchNewVersion(Process child, Map<String, Object> state)
      throws InterruptedException {
    long timeoutSeconds = ((Number) state.getOrDefault("health_timeout_seconds", 180)).longValue();
    Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    while (Instant.now().isBefore(deadline)) {
      if (child.waitFor(1, TimeUnit.SECONDS)) {
        return "the new version exited with code "
            + child.exitValue()
            + " while starting (see its log)";
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return null;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
    }
    return "the new version was not healthy within " + timeoutSeconds + " s";
  }

  private Process start(Path jar, String restoreFile) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put(LAUNCHED_BY, Long.toString(ProcessHandle.current().pid()));
    if (restoreFile != null) {
      builder.environment().put("HSYSTEM_RESTORE", restoreFile);
    }
    Process child = builder.start();
    // a launcher stopped by SIGTERM stops its server the same way, and waits for it
    Thread stopper =
        new Thread(
            () -> {
              child.destroy();
              try {
                if (!child.waitFor(90, TimeUnit.SECONDS)) {
                  child.destroyForcibly();
                }
              } catch (InterruptedException e) {
                child.destroyForcibly();
              }
            },
            "launcher-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    child.onExit().thenRun(() -> removeHook(stopper));
    return child;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting anyway
    }
  }

  /**
   * In the child: stops the server at once when its launcher is gone (killed), so that no orphaned
   * server keeps the port and the data folder.
   */
  public static void watchParent() {
    String pid = System.getenv(LAUNCHED_BY);
    if (pid == null) {
      return;
    }
    ProcessHandle.of(Long.parseLong(pid))
        .ifPresent(
            parent ->
                parent
                    .onExit()
                    .thenRun(
                        () -> {
                          System.err.println("launcher " + pid + " is gone; stopping");
                          Runtime.getRuntime().halt(1);
                        }));
  }
}
