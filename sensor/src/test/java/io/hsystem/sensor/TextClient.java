package io.hsystem.sensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw TCP client for the decoy tests. */
public final class TextClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  public TextClient(int port) {
    socket = new Socket();
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    } catch (java.net.SocketException e) {
      if (e.getMessage() == null || !e.getMessage().contains("reset")) {
        throw new UncheckedIOException(e);
      }
      // accepted then reset at once (a refused connection): reads see the end of stream
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InputStream stream;
    try {
      socket.setSoTimeout(200);
      stream = socket.isConnected() ? socket.getInputStream() : InputStream.nullInputStream();
    } catch (IOException resetAlready) {
      // a refused connection may be reset before we get to read it
      stream = InputStream.nullInputStream();
    }
    in = stream;
  }

  public TextClient send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  public TextClient send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Reads until the text received so far contains {@code marker}; returns all of it. */
  public String readUntil(String marker, long timeoutMillis) {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (!text().contains(marker)) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("'" + marker + "' not received; got: " + text());
      }
      if (!readSome()) {
        if (!text().contains(marker)) {
          throw new AssertionError("closed before '" + marker + "'; got: " + text());
        }
      }
    }
    return text();
  }

  /** Reads until the server closes; returns true if it did within the timeout. */
  public boolean awaitClose(long timeoutMillis) {
    long end = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < end) {
      if (!readSome()) {
        return true;
      }
    }
    return false;
  }

  /** false at end of stream (or reset). */
  private boolean readSome() {
    byte[] buf = new byte[8192];
    try {
      int n = in.read(buf);
      if (n < 0) {
        return false;
      }
      received.write(buf, 0, n);
      return true;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String text() {
    return received.toString(StandardCharsets.UTF_8);
  }

  public byte[] bytes() {
    return received.toByteArray();
  }

  public void clear() {
    received.reset();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing
    }
  }
}
