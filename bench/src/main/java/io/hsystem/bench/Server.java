package io.hsystem.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server jar as a child process, started the way the README does ({@code java -Xmx1g
 * -jar server/target/hsystem-server.jar}) plus a GC log from which the peak heap is read. Loopback
 * only; {@link #close()} stops it (SIGTERM, then SIGKILL after 30 s).
 */
final class Server implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String PASSWORD = "Bench-Runner-2025";
  private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  final int port;
  final Path dataDir;
  final Path gcLog;
  final Path log;
  private final Process process;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Server(Process process, int port, Path dataDir, Path log, Path gcLog) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
    this.log = log;
    this.gcLog = gcLog;
  }

  static Server start(
      Path jar,
      Path dataDir,
      Path workDir,
      Map<String, String> extraEnv,
      java.util.List<String> jvmArgs)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = workDir.resolve("server-" + port + ".log");
    Path gcLog = workDir.resolve("server-" + port + "-gc.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(java);
    command.add("-Xmx1g");
    command.add("-Xlog:gc:file=" + gcLog);
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("HSYSTEM_"));
    Map<String, String> env = new HashMap<>();
    env.put("HSYSTEM_DATA_DIR", dataDir.toString());
    env.put("HSYSTEM_PORT", Integer.toString(port));
    env.put("HSYSTEM_ADMIN_PASSWORD", PASSWORD);
    env.put("HSYSTEM_INGEST_SYSLOG_PORT", "0");
    env.putAll(extraEnv);
    builder.environment().put("HSYSTEM_LAUNCHER", "off"); // measure the server, not a supervisor
    builder.environment().put("HSYSTEM_SENSORS_LOCAL_ENABLED", "false");
    builder.environment().put("HSYSTEM_SENSORS_GATEWAY_PORT", "0");
    builder.environment().putAll(env);
    Server server = new Server(builder.start(), port, dataDir, log, gcLog);
    server.awaitHealthy();
    return server;
  }

  long pid() {
    return process.pid();
  }

  /** CPU time the server process has used so far, in seconds. */
  double cpuSeconds() {
    return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
  }

  private void awaitHealthy() throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited; see " + log);
      }
      try {
        HttpResponse<String> health = send("GET", "/actuator/health", null, null, Map.of());
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      sleep(250);
    }
    close();
    throw new IllegalStateException("the server was not healthy within 180 s; see " + log);
  }

  String login() throws IOException {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/auth/login",
            null,
            JSON.writeValueAsString(Map.of("username", "admin", "password", PASSWORD)),
            Map.of());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).get("access_token").asString();
  }

  String createIngestKey(String token, String sourceType) throws IOException {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/ingest/keys",
            token,
            JSON.writeValueAsString(
                Map.of("name", "bench-" + sourceType, "source_type", sourceType)),
            Map.of());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("creating a key failed: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).get("api_key").asString();
  }

  /** Runs a hunting query; returns the parsed response ({@code total}, {@code items}). */
  JsonNode hunt(String token, String query, int size) throws IOException {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/hunting/query",
            token,
            JSON.writeValueAsString(Map.of("query", query, "size", size)),
            Map.of());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "hunting '" + query + "' failed: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  HttpClient http() {
    return http;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpResponse<String> send(
      String method, String path, String token, String body, Map<String, String> headers)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(120))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Peak heap in MiB seen in the GC log: the largest occupancy before a collection. */
  static long[] peakHeapMib(Path gcLog) {
    long peak = 0;
    long committed = 0;
    int gcs = 0;
    try {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher m = GC_LINE.matcher(line);
        if (m.find()) {
          gcs++;
          peak = Math.max(peak, Long.parseLong(m.group(1)));
          committed = Math.max(committed, Long.parseLong(m.group(3)));
        }
      }
    } catch (IOException e) {
      return new long[] {-1, -1, 0};
    }
    return new long[] {peak, committed, gcs};
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: graceful shutdown, embedded PostgreSQL stopped cleanly
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
