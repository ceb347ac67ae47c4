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
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSH's own client runs commands in the fake shell: recorded, never executed. */
@Timeout(120)
class SshpassTest {

  @Test
  void commandsSentWithOpensshAreRecordedExactlyAndNothingRunsOnTheHost(@TempDir Path dir)
      throws Exception {
    String sshpass = ExternalTools.require("sshpass");
    String ssh = ExternalTools.require("ssh");
    String marker = "hs-canary-" + UUID.randomUUID().toString().substring(0, 8);
    Path canary = Path.of("/tmp", marker);
    Path existing = dir.resolve("keep-me.txt");
    Files.writeString(existing, "untouched");
    List<String> commands =
        List.of(
            "touch " + canary,
            "rm -f " + existing,
            "echo " + marker + " > " + canary + "-2",
            "sh -c 'sleep 20; echo " + marker + "'",
            "uname -a; id");

    RecordingSink sink = new RecordingSink();
    ConcurrentLinkedQueue<String> strangers = new ConcurrentLinkedQueue<>();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread watcher =
        new Thread(
            () -> {
              while (watching.get()) {
                for (String p : Processes.processesContaining(marker)) {
                  String cmd = p.substring(p.indexOf(':') + 2);
                  if (!cmd.startsWith(sshpass)
                      && !cmd.startsWith("sshpass")
                      && !cmd.startsWith(ssh)
                      && !cmd.startsWith("ssh ")) {
                    strangers.add(p);
                  }
                }
                try {
                  Thread.sleep(25);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    try (HoneypotServices services = HoneypotServices.start(TestSensors.only("ssh"), sink)) {
      int port = services.boundPorts().get("ssh");
      watcher.start();
      List<String> outputs = new ArrayList<>();
      for (String command : commands) {
        Processes.Result r =
            Processes.run(
                List.of(
                    sshpass,
                    "-p",
                    "123456",
                    ssh,
                    "-o",
                    "StrictHostKeyChecking=no",
                    "-o",
                    "UserKnownHostsFile=/dev/null",
                    "-o",
                    "PubkeyAuthentication=no",
                    "-o",
                    "PreferredAuthentications=password",
                    "-o",
                    "LogLevel=ERROR",
                    "-p",
                    String.valueOf(port),
                    "root@127.0.0.1",
                    command),
                dir.toFile(),
                Duration.ofSeconds(20));
        outputs.add(r.output());
      }
      watching.set(false);
      watcher.join();
      assertThat(outputs.get(4)).contains("GNU/Linux").contains("uid=0(root)");
      List<HoneypotEvent> recorded = sink.await("command", "ssh", 5);
      assertThat(recorded)
          .extracting(e -> e.getString("command_line"))
          .containsExactlyElementsOf(commands);
      assertThat(recorded)
          .allSatisfy(
              e -> assertThat(e.getString("ssh_client_version")).startsWith("SSH-2.0-OpenSSH_"));
      assertThat(sink.ofType("login_attempt", "ssh"))
          .extracting(e -> e.getString("password"))
          .containsOnly("123456");
    }
    assertThat(canary).doesNotExist();
    assertThat(Path.of(canary + "-2")).doesNotExist();
    assertThat(existing).hasContent("untouched");
    assertThat(strangers).as("processes carrying the marker other than ssh/sshpass").isEmpty();
    assertThat(Processes.processesContaining(marker)).isEmpty();
  }
}
