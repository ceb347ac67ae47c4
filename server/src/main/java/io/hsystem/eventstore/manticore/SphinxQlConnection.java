package io.hsystem.eventstore.manticore;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One connection speaking the MySQL 4.1 text protocol, enough for SphinxQL: handshake, COM_QUERY
 * with OK/ERR/result-set answers, COM_QUIT. Not thread-safe; callers serialise access.
 */
final class SphinxQlConnection implements AutoCloseable {

  static final int MAX_PAYLOAD = 0xFFFFFF;

  private static final int CLIENT_LONG_PASSWORD = 0x1;
  private static final int CLIENT_PROTOCOL_41 = 0x200;
  private static final int CLIENT_TRANSACTIONS = 0x2000;
  private static final int CLIENT_SECURE_CONNECTION = 0x8000;
  private static final int UTF8_GENERAL_CI = 33;
  private static final byte COM_QUIT = 0x01;
  private static final byte COM_QUERY = 0x03;

  /** Columns and rows of a result set; an OK answer has no columns and no rows. */
  record Result(List<String> columns, List<String[]> rows, long affectedRows) {

    /** The named value of a row (searchd omits columns from empty result sets, so look up late). */
    String value(String[] row, String column) {
      int i = columns.indexOf(column);
      if (i < 0) {
        throw new SphinxQlException("no column " + column + " in " + columns, null);
      }
      return row[i];
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int sequence;

  private SphinxQlConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
  }

  /** Connects and logs in; the password may be empty. */
  static SphinxQlConnection open(
      String host, int port, String user, String password, Duration timeout) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      SphinxQlConnection connection = new SphinxQlConnection(socket);
      connection.login(user, password);
      return connection;
    } catch (IOException | RuntimeException e) {
      try {
        socket.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof SphinxQlException sql) {
        throw sql;
      }
      throw new SphinxQlException("cannot connect to " + host + ":" + port + ": " + e, e);
    }
  }

  private void login(String user, String password) throws IOException {
    sequence = 0;
    Reader handshake = new Reader(readPacket());
    if (handshake.peek() == (byte) 0xFF) {
      throw error(handshake);
    }
    int protocol = handshake.u8();
    if (protocol != 10) {
      throw new SphinxQlException("unsupported handshake protocol " + protocol, null);
    }
    handshake.nulString();
    handshake.skip(4);
    byte[] salt1 = handshake.bytes(8);
    handshake.skip(1);
    byte[] salt = salt1;
    if (handshake.remaining() >= 2 + 1 + 2 + 2 + 1 + 10) {
      handshake.skip(2 + 1 + 2 + 2 + 1 + 10);
      int rest = Math.min(12, handshake.remaining());
      byte[] salt2 = handshake.bytes(rest);
      salt = Arrays.copyOf(salt1, 8 + rest);
      System.arraycopy(salt2, 0, salt, 8, rest);
    }
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    writeInt(
        response,
        CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION,
        4);
    writeInt(response, MAX_PAYLOAD, 4);
    response.write(UTF8_GENERAL_CI);
    response.write(new byte[23]);
    response.write(user.getBytes(StandardCharsets.UTF_8));
    response.write(0);
    byte[] auth = scramble(password, salt);
    response.write(auth.length);
    response.write(auth);
    writePacket(response.toByteArray());
    Reader answer = new Reader(readPacket());
    if (answer.peek() == (byte) 0xFF) {
      throw error(answer);
    }
    if (answer.peek() != 0) {
      throw new SphinxQlException("unexpected login answer " + answer.peek(), null);
    }
  }

  /** The mysql_native_password answer: SHA1(pw) XOR SHA1(salt + SHA1(SHA1(pw))); empty if none. */
  static byte[] scramble(String password, byte[] salt) {
    if (password == null || password.isEmpty()) {
      return new byte[0];
    }
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
      byte[] stage2 = sha1.digest(stage1);
      sha1.update(salt);
      sha1.update(stage2);
      byte[] result = sha1.digest();
      for (int i = 0; i < result.length; i++) {
        result[i] ^= stage1[i];
      }
      return result;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one statement; an ERR answer becomes a {@link SphinxQlException}. */
  Result query(String sql) {
    try {
      sequence = 0;
      byte[] text = sql.getBytes(StandardCharsets.UTF_8);
      byte[] payload = new byte[text.length + 1];
      payload[0] = COM_QUERY;
      System.arraycopy(text, 0, payload, 1, text.length);
      writePacket(payload);
      Reader first = new Reader(readPacket());
      byte head = first.peek();
      if (head == (byte) 0xFF) {
        throw error(first);
      }
      if (head == 0) {
        first.u8();
        return new Result(List.of(), List.of(), first.lenencInt());
      }
      long count = first.lenencInt();
      List<String> columns = new ArrayList<>();
      for (long i = 0; i < count; i++) {
        Reader def = new Reader(readPacket());
        for (int skip = 0; skip < 4; skip++) {
          def.lenencString();
        }
        columns.add(def.lenencString());
      }
      Reader eof = new Reader(readPacket());
      if (!eof.isEof()) {
        throw new SphinxQlException("expected EOF after column definitions", null);
      }
      List<String[]> rows = new ArrayList<>();
      while (true) {
        Reader row = new Reader(readPacket());
        if (row.isEof()) {
          break;
        }
        if (row.peek() == (byte) 0xFF) {
          throw error(row);
        }
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
          if (row.peek() == (byte) 0xFB) {
            row.u8();
          } else {
            values[i] = row.lenencString();
          }
        }
        rows.add(values);
      }
      return new Result(List.copyOf(columns), rows, 0);
    } catch (IOException e) {
      throw new SphinxQlException("SphinxQL I/O failure: " + e, e);
    }
  }

  /** Says goodbye (best effort) and closes the socket. */
  @Override
  public void close() {
    try {
      sequence = 0;
      writePacket(new byte[] {COM_QUIT});
    } catch (IOException ignored) {
      // the server may already be gone; the socket is closed below either way
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  private static SphinxQlException error(Reader packet) {
    packet.u8();
    int code = packet.u16();
    if (packet.remaining() > 0 && packet.peek() == '#') {
      packet.skip(6);
    }
    return new SphinxQlException(code, packet.rest());
  }

  private byte[] readPacket() throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    int length;
    do {
      byte[] header = in.readNBytes(4);
      if (header.length < 4) {
        throw new EOFException("connection closed by server");
      }
      length = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
      int seq = header[3] & 0xFF;
      if (seq != (sequence & 0xFF)) {
        throw new IOException("packet out of order: got " + seq + ", expected " + sequence);
      }
      sequence++;
      byte[] body = in.readNBytes(length);
      if (body.length < length) {
        throw new EOFException("connection closed inside a packet");
      }
      payload.write(body);
    } while (length == MAX_PAYLOAD);
    return payload.toByteArray();
  }

  private void writePacket(byte[] payload) throws IOException {
    int offset = 0;
    while (true) {
      int length = Math.min(MAX_PAYLOAD, payload.length - offset);
      out.write(length & 0xFF);
      out.write(length >> 8 & 0xFF);
      out.write(length >> 16 & 0xFF);
      out.write(sequence++ & 0xFF);
      out.write(payload, offset, length);
      offset += length;
      if (length < MAX_PAYLOAD) {
        break;
      }
    }
    out.flush();
  }

  private static void writeInt(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (value >> (8 * i)) & 0xFF);
    }
  }

  /** Reads the fields of one packet payload. */
  private static final class Reader {
    private final byte[] data;
    private int pos;

    Reader(byte[] data) {
      this.data = data;
    }

    byte peek() {
      if (pos >= data.length) {
        throw new SphinxQlException("truncated packet", null);
      }
      return data[pos];
    }

    boolean isEof() {
      return data.length < 9 && data.length > 0 && data[0] == (byte) 0xFE;
    }

    int remaining() {
      return data.length - pos;
    }

    int u8() {
      int value = peek() & 0xFF;
      pos++;
      return value;
    }

    int u16() {
      return u8() | u8() << 8;
    }

    void skip(int n) {
      bytes(n);
    }

    byte[] bytes(int n) {
      if (n > remaining()) {
        throw new SphinxQlException("truncated packet", null);
      }
      byte[] result = Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return result;
    }

    String nulString() {
      int end = pos;
      while (end < data.length && data[end] != 0) {
        end++;
      }
      String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
      pos = Math.min(end + 1, data.length);
      return s;
    }

    long lenencInt() {
      int first = u8();
      return switch (first) {
        case 0xFC -> u16();
        case 0xFD -> u16() | (long) u8() << 16;
        case 0xFE -> {
          long value = 0;
          for (int i = 0; i < 8; i++) {
            value |= (long) u8() << (8 * i);
          }
          yield value;
        }
        default -> first;
      };
    }

    String lenencString() {
      long length = lenencInt();
      if (length > remaining()) {
        throw new SphinxQlException("truncated packet", null);
      }
      return new String(bytes((int) length), StandardCharsets.UTF_8);
    }

    String rest() {
      return new String(data, pos, data.length - pos, StandardCharsets.UTF_8);
    }
  }
}
