package io.hsystem.eventstore.manticore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The MySQL text protocol client against a scripted server that checks sequence ids. */
class SphinxQlConnectionTest {

  @Test
  void logsInRunsQueriesAndReadsResultSetsWithNulls() throws Exception {
    List<byte[]> received = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> script =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept()) {
                  InputStream in = s.getInputStream();
                  OutputStream out = s.getOutputStream();
                  send(out, 0, handshake());
                  received.add(expect(in, 1));
                  send(out, 2, ok(0));
                  received.add(expect(in, 0));
                  send(out, 1, new byte[] {2});
                  send(out, 2, columnDef("id"));
                  send(out, 3, columnDef("name"));
                  send(out, 4, eof());
                  send(out, 5, row("1", "é'x"));
                  send(out, 6, row("2", null));
                  send(out, 7, eof());
                  received.add(expect(in, 0));
                  send(out, 1, ok(3));
                  received.add(expect(in, 0));
                  send(out, 1, err(1064, "syntax error"));
                  received.add(expect(in, 0));
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      try (SphinxQlConnection c =
          SphinxQlConnection.open(
              "127.0.0.1", server.getLocalPort(), "u", "", Duration.ofSeconds(5))) {
        SphinxQlConnection.Result result = c.query("SELECT id, name FROM t");
        assertThat(result.columns()).containsExactly("id", "name");
        assertThat(result.rows()).hasSize(2);
        assertThat(result.value(result.rows().get(0), "name")).isEqualTo("é'x");
        assertThat(result.rows().get(1)[1]).isNull();
        assertThat(c.query("DELETE FROM t WHERE id = 1").affectedRows()).isEqualTo(3);
        assertThatThrownBy(() -> c.query("bad"))
            .isInstanceOf(SphinxQlException.class)
            .hasMessage("syntax error")
            .extracting(e -> ((SphinxQlException) e).errorCode())
            .isEqualTo(1064);
      }
      script.get(5, TimeUnit.SECONDS);
    }
    byte[] login = received.get(0);
    assertThat(login[8] & 0xFF).as("charset utf8").isEqualTo(33);
    assertThat(new String(received.get(1), 1, received.get(1).length - 1, StandardCharsets.UTF_8))
        .isEqualTo("SELECT id, name FROM t");
    assertThat(received.get(1)[0]).as("COM_QUERY").isEqualTo((byte) 3);
    assertThat(received.get(4)).as("COM_QUIT").containsExactly(1);
  }

  @Test
  void scrambleIsEmptyWithoutPasswordAndTwentyBytesWithOne() {
    assertThat(SphinxQlConnection.scramble("", new byte[20])).isEmpty();
    assertThat(SphinxQlConnection.scramble("secret", new byte[20])).hasSize(20);
  }

  @Test
  void aDeadPortIsAClientFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(
            () -> SphinxQlConnection.open("127.0.0.1", port, "u", "", Duration.ofSeconds(2)))
        .isInstanceOf(SphinxQlException.class)
        .extracting(e -> ((SphinxQlException) e).errorCode())
        .isEqualTo(0);
  }

  private static byte[] handshake() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(10);
    b.writeBytes("2.2.11-id64-release\0".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(new byte[] {1, 0, 0, 0});
    b.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII));
    b.write(0);
    b.writeBytes(new byte[] {0x08, (byte) 0x82, 0x21, 0x02, 0});
    b.writeBytes(new byte[2 + 1 + 10]);
    b.writeBytes("ijklmnopqrst\0".getBytes(StandardCharsets.US_ASCII));
    return b.toByteArray();
  }

  private static byte[] ok(int affected) {
    return new byte[] {0, (byte) affected, 0, 2, 0, 0, 0};
  }

  private static byte[] eof() {
    return new byte[] {(byte) 0xFE, 0, 0, 2, 0};
  }

  private static byte[] err(int code, String message) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0xFF);
    b.write(code & 0xFF);
    b.write(code >> 8);
    b.writeBytes("#42000".getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(message.getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  private static byte[] columnDef(String name) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String s : new String[] {"def", "", "t", "t", name, name}) {
      lenenc(b, s);
    }
    b.writeBytes(new byte[] {0x0c, 33, 0, 0, 0, 0, 0, (byte) 0xFD, 0, 0, 0, 0, 0});
    return b.toByteArray();
  }

  private static byte[] row(String... values) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String v : values) {
      if (v == null) {
        b.write(0xFB);
      } else {
        lenenc(b, v);
      }
    }
    return b.toByteArray();
  }

  private static void lenenc(ByteArrayOutputStream b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.write(bytes.length);
    b.writeBytes(bytes);
  }

  private static void send(OutputStream out, int seq, byte[] payload) throws IOException {
    out.write(new byte[] {(byte) payload.length, (byte) (payload.length >> 8), 0, (byte) seq});
    out.write(payload);
    out.flush();
  }

  private static byte[] expect(InputStream in, int seq) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] header = new byte[4];
    data.readFully(header);
    assertThat(header[3] & 0xFF).as("sequence id").isEqualTo(seq);
    byte[] payload =
        new byte[(header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16];
    data.readFully(payload);
    return payload;
  }
}
