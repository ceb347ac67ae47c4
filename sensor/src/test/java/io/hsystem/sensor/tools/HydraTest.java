package io.hsystem.sensor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.sensor.ExternalTools;
import io.hsystem.sensor.HoneypotServices;
import io.hsystem.sensor.RecordingSink;
import io.hsystem.sensor.TestSensors;
import io.hsystem.sensor.core.HoneypotEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** hydra brute-forces the decoys: every single guess is a login_attempt event. */
@Timeout(150)
class HydraTest {

  static final String USER = "operator";
  static final List<String> PASSWORDS =
      IntStream.range(0, 20).mapToObj(i -> "Guess-" + i + "!x").collect(Collectors.toList());

  static final RecordingSink sink = new RecordingSink();
  static HoneypotServices services;
  static Map<String, Integer> ports;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    services = HoneypotServices.start(TestSensors.only("ssh", "ftp", "http"), sink);
    ports = services.boundPorts();
    Files.write(dir.resolve("passwords.txt"), PASSWORDS);
  }

  @AfterAll
  static void stop() {
    if (services != null) {
      services.close();
    }
  }

  private void hydra(String service, String... moduleArgs) throws Exception {
    String hydra = ExternalTools.require("hydra");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                hydra,
                "-I",
                "-t",
                "4",
                "-w",
                "10",
                "-l",
                USER,
                "-P",
                dir.resolve("passwords.txt").toString(),
                "-s",
                String.valueOf(ports.get(service)),
                "127.0.0.1"));
    cmd.addAll(List.of(moduleArgs));
    long start = System.nanoTime();
    Processes.Result r = Processes.run(cmd, dir.toFile(), Duration.ofSeconds(120));
    System.out.printf(
        "hydra %s took %d ms%n", service, Duration.ofNanos(System.nanoTime() - start).toMillis());
    assertThat(r.output()).as(r.output()).contains("0 valid password");
    List<HoneypotEvent> attempts =
        sink.await(
            e ->
                "login_attempt".equals(e.eventType())
                    && service.equals(e.getString("service"))
                    && USER.equals(e.getString("username")),
            PASSWORDS.size(),
            Duration.ofSeconds(10));
    Set<String> guessed =
        attempts.stream()
            .map(e -> e.getString("password"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(guessed)
        .as("passwords recorded for " + service)
        .containsExactlyInAnyOrderElementsOf(PASSWORDS);
  }

  @Test
  void everySshGuessIsRecorded() throws Exception {
    hydra("ssh", "ssh");
  }

  @Test
  void everyFtpGuessIsRecorded() throws Exception {
    hydra("ftp", "ftp");
  }

  @Test
  void everyHttpFormGuessIsRecorded() throws Exception {
    hydra(
        "http",
        "http-post-form",
        "/login.cgi:username=^USER^&password=^PASS^:F=Invalid username or password");
  }
}
