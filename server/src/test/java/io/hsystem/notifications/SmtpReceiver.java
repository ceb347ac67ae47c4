package io.hsystem.notifications;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of an SMTP server on 127.0.0.1 to receive mail: EHLO/HELO, AUTH PLAIN (when asked to
 * offer it), MAIL, RCPT, DATA (dot-unstuffed), RSET, NOOP, QUIT. It never offers STARTTLS.
 */
final class SmtpReceiver implements AutoCloseable {

  /** One mail as received: envelope, the login used (or null) and the raw message. */
  record Mail(String login, String from, List<String> to, String data) {}

  private final ServerSocket server;
  private final boolean offerAuth;
  private final BlockingQueue<Mail> mails = new LinkedBlockingQueue<>();
  private final Thread thread;

  SmtpReceiver(boolean offerAuth) throws IOException {
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.offerAuth = offerAuth;
    this.thread = new Thread(this::serve, "smtp-receiver");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  Mail next(Duration timeout) throws InterruptedException {
    Mail mail = mails.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (mail == null) {
      throw new AssertionError("no mail arrived within " + timeout);
    }
    return mail;
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        converse(socket);
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  private void converse(Socket socket) throws IOException {
    var in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = socket.getOutputStream();
    reply(out, "220 localhost ESMTP test receiver");
    String login = null;
    String from = null;
    List<String> to = new ArrayList<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String command = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
      switch (command) {
        case "EHLO" -> {
          reply(out, "250-localhost");
          if (offerAuth) {
            reply(out, "250-AUTH PLAIN");
          }
          reply(out, "250 8BITMIME");
        }
        case "HELO", "RSET", "NOOP" -> reply(out, "250 ok");
        case "AUTH" -> {
          String[] parts = line.split(" ");
          String credentials = parts.length > 2 ? parts[2] : null;
          if (credentials == null) {
            reply(out, "334 ");
            credentials = in.readLine();
          }
          String[] plain =
              new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8)
                  .split("\0");
          login = plain[1] + ":" + plain[2];
          reply(out, "235 2.7.0 authenticated");
        }
        case "MAIL" -> {
          from = line.substring(line.indexOf(':') + 1).trim();
          reply(out, "250 ok");
        }
        case "RCPT" -> {
          to.add(line.substring(line.indexOf(':') + 1).trim());
          reply(out, "250 ok");
        }
        case "DATA" -> {
          reply(out, "354 end with .");
          ByteArrayOutputStream data = new ByteArrayOutputStream();
          for (String l = in.readLine(); l != null && !l.equals("."); l = in.readLine()) {
            String unstuffed = l.startsWith(".") ? l.substring(1) : l;
            data.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.UTF_8));
          }
          mails.add(new Mail(login, from, List.copyOf(to), data.toString(StandardCharsets.UTF_8)));
          to.clear();
          reply(out, "250 queued");
        }
        case "QUIT" -> {
          reply(out, "221 bye");
          return;
        }
        default -> reply(out, "502 not implemented");
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
