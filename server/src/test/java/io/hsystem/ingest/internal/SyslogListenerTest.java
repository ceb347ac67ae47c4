package io.hsystem.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The syslog listener fed by util-linux {@code logger}, a real syslog client, over UDP and TCP. */
class SyslogListenerTest {

  private final List<Event> received = new CopyOnWriteArrayList<>();
  private SyslogListener listener;
  private int port;

  @BeforeEach
  void start() throws Exception {
    listener = new SyslogListener(received::addAll, Clock.systemUTC(), 4);
    port = listener.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    listener.close();
  }

  private void logger(String... args) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/logger"))) {
      String reason = "util-linux logger not installed";
      if ("1".equals(System.getenv("HSYSTEM_CI"))) {
        Assertions.fail(reason);
      }
      Assumptions.assumeTrue(false, reason);
    }
    List<String> command =
        new java.util.ArrayList<>(
            List.of("/usr/bin/logger", "--server", "127.0.0.1", "--port", Integer.toString(port)));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  private void awaitEvents(int n) throws InterruptedException {
    for (int i = 0; i < 100 && received.size() < n; i++) {
      Thread.sleep(50);
    }
    assertThat(received).hasSize(n);
  }

  @Test
  void rfc5424OverUdpAndTcpWithOctetCountingArrive() throws Exception {
    logger(
        "--udp",
        "--rfc5424",
        "--tag",
        "sshd",
        "Failed password for invalid user admin from 45.141.84.12 port 50100 ssh2");
    logger(
        "--tcp",
        "--rfc5424",
        "--octet-count",
        "--tag",
        "sshd",
        "Accepted password for bob from 10.0.0.7 port 41000 ssh2");
    awaitEvents(2);
    Event failed =
        received.stream()
            .filter(e -> "login_attempt".equals(e.getString(EventField.EVENT_TYPE)))
            .findFirst()
            .orElseThrow();
    assertThat(failed.getString(EventField.USERNAME)).isEqualTo("admin");
    assertThat(failed.getString(EventField.SRC_IP)).isEqualTo("45.141.84.12");
    Event accepted =
        received.stream()
            .filter(e -> "login_success".equals(e.getString(EventField.EVENT_TYPE)))
            .findFirst()
            .orElseThrow();
    assertThat(accepted.getString(EventField.USERNAME)).isEqualTo("bob");
    assertThat(accepted.getString(EventField.RAW)).contains("Accepted password for bob");
  }

  @Test
  void rfc3164OverTcpWithNewlineFramingArrives() throws Exception {
    logger("--tcp", "--rfc3164", "--tag", "cron", "job finished");
    awaitEvents(1);
    assertThat(received.get(0).getString(EventField.MESSAGE)).contains("job finished");
    assertThat(received.get(0).getString(EventField.EVENT_TYPE)).isEqualTo("syslog");
  }

  @Test
  void junkAndEndlessLinesAreCountedNotKeptAndTheListenerStaysUp() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write("this is not syslog\n".getBytes(StandardCharsets.UTF_8));
      out.write(new byte[SyslogListener.MAX_MESSAGE + 10]); // no newline: the peer is dropped
      out.flush();
    } catch (java.io.IOException dropped) {
      // the listener may close the connection while we write
    }
    logger("--udp", "--rfc5424", "--tag", "app", "still listening");
    awaitEvents(1);
    assertThat(listener.rejected()).isGreaterThanOrEqualTo(1);
  }
}
