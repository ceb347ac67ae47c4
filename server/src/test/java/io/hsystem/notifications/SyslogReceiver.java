package io.hsystem.notifications;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A syslog receiver on 127.0.0.1: UDP (a message per datagram) or TCP (RFC 6587 octet counting,
 * which it checks: a frame whose length is wrong fails the test).
 */
final class SyslogReceiver implements AutoCloseable {

  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Thread thread;

  private SyslogReceiver(DatagramSocket udp, ServerSocket tcp) {
    this.udp = udp;
    this.tcp = tcp;
    this.thread = new Thread(udp != null ? this::receiveUdp : this::acceptTcp, "syslog-receiver");
    thread.setDaemon(true);
    thread.start();
  }

  static SyslogReceiver udp() throws IOException {
    return new SyslogReceiver(
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), null);
  }

  static SyslogReceiver tcp() throws IOException {
    return new SyslogReceiver(null, new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
  }

  int port() {
    return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
  }

  String next(Duration timeout) throws InterruptedException {
    String message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new AssertionError("no syslog message arrived within " + timeout);
    }
    return message;
  }

  private void receiveUdp() {
    byte[] buffer = new byte[65535];
    while (!udp.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        return;
      }
      messages.add(
          new String(
              packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8));
    }
  }

  private void acceptTcp() {
    while (!tcp.isClosed()) {
      try (Socket socket = tcp.accept()) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        int length;
        while ((length = frameLength(in)) >= 0) {
          byte[] frame = in.readNBytes(length);
          if (frame.length != length) {
            messages.add("TRUNCATED FRAME");
            break;
          }
          messages.add(new String(frame, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        if (tcp.isClosed()) {
          return;
        }
        messages.add("BAD FRAME: " + e.getMessage());
      }
    }
  }

  /** The octet count before the space, or -1 at the end of the stream. */
  private static int frameLength(InputStream in) throws IOException {
    int length = 0;
    int digits = 0;
    for (int b = in.read(); b != ' '; b = in.read()) {
      if (b < 0 && digits == 0) {
        return -1;
      }
      if (b < '0' || b > '9') {
        throw new IOException("not an octet count");
      }
      length = length * 10 + (b - '0');
      digits++;
    }
    return length;
  }

  @Override
  public void close() throws IOException {
    if (udp != null) {
      udp.close();
    } else {
      tcp.close();
    }
  }
}
