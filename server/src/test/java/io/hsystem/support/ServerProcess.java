package io.hsystem.support;

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
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The packaged server jar run as a child process, the way the README starts it. */
public final class ServerProcess implements AutoCloseable {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts the jar with these environment variables (HSYSTEM_* of this JVM are not passed on). */
  public static ServerProcess start(Map<String, String> env, int port, Path log)
      throws IOException {
    String jar = System.getProperty("hsystem.jar");
    if (jar == null) {
      throw new IllegalStateException("failsafe passes the packaged jar's path as hsystem.jar");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(java, "-Xmx1g", "-jar", jar)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("HSYSTEM_"));
    // the server itself, not its launcher, unless a test asks for the launcher (updates)
    builder.environment().put("HSYSTEM_LAUNCHER", "off");
    // a fixed gateway port would collide between servers started side by side
    builder.environment().put("HSYSTEM_SENSORS_GATEWAY_PORT", "0");
    // the in-process decoys' fixed ports would collide too
    builder.environment().put("HSYSTEM_SENSORS_LOCAL_ENABLED", "false");
    builder.environment().putAll(env);
    builder.environment().put("HSYSTEM_PORT", Integer.toString(port));
    return new ServerProcess(builder.start(), port, log);
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public Process process() {
    return process;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  public void awaitHealthy() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited: " + log());
      }
      try {
        HttpResponse<String> health = send("GET", "/actuator/health", null, null);
        if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("server not healthy within 120 s: " + log());
  }

  public String login(String username, String password) throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/v1/auth/login",
            null,
            JSON.writeValueAsString(Map.of("username", username, "password", password)));
    if (response.statusCode() != 200) {
      throw new AssertionError("login failed: " + response.body());
    }
    return JSON.readTree(response.body()).get("access_token").asString();
  }

  public HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    return send(method, path, token, body, Map.of());
  }

  public HttpResponse<String> send(
      String method, String path, String token, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
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
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM first, so that the server stops its embedded PostgreSQL; SIGKILL if it hangs. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
