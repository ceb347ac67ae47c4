package io.hsystem.notifications.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * Syslog to a SIEM: RFC 5424 messages whose text is a CEF:0 record or the alert as JSON, over UDP
 * (one datagram each) or TCP (RFC 6587 octet counting, a connection per message). The text is
 * MSG-ANY, without the UTF-8 byte order mark, because CEF parsers do not expect one.
 */
public final class SyslogSender implements Sender {

  /** Longest message: fits one UDP datagram anywhere and rsyslog's default limit. */
  static final int MAX_MESSAGE_BYTES = 8 * 1024;

  private final Duration timeout;
  private final Messages messages;
  private final JsonMapper json;
  private final Clock clock;

  public SyslogSender(Duration timeout, Messages messages, JsonMapper json, Clock clock) {
    this.timeout = timeout;
    this.messages = messages;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void send(ChannelConfig channel, Notice notice) throws DeliveryException {
    Destination.Syslog syslog = (Destination.Syslog) channel.destination();
    InetAddress address = OutboundTargets.resolve(syslog.host()).get(0);
    byte[] message = message(syslog, notice);
    String target =
        syslog.transport().name().toLowerCase(Locale.ROOT)
            + "://"
            + syslog.host()
            + ":"
            + syslog.port();
    try {
      if (syslog.transport() == Destination.Syslog.Transport.UDP) {
        try (DatagramSocket socket = new DatagramSocket()) {
          socket.send(new DatagramPacket(message, message.length, address, syslog.port()));
        }
      } else {
        int millis = (int) timeout.toMillis();
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(address, syslog.port()), millis);
          socket.setSoTimeout(millis);
          OutputStream out = socket.getOutputStream();
          out.write((message.length + " ").getBytes(StandardCharsets.US_ASCII));
          out.write(message);
          out.flush();
        }
      }
    } catch (IOException e) {
      throw DeliveryException.retryable(
          "syslog to " + target + " failed: " + Messages.plain(String.valueOf(e.getMessage())));
    }
  }

  /** {@code <PRI>1 TIMESTAMP HOSTNAME hsystem - MSGID - MSG}, at most 8 KiB. */
  byte[] message(Destination.Syslog syslog, Notice notice) {
    Instant now = clock.instant();
    String text =
        syslog.format() == Destination.Syslog.Format.CEF
            ? messages.cef(notice, now)
            : json.writeValueAsString(messages.payload(notice, false));
    String msgId =
        notice instanceof Notice.AlertNotice
            ? "alert"
            : notice instanceof Notice.DigestNotice ? "digest" : "test";
    String line =
        "<"
            + (syslog.facility() * 8 + Messages.syslogSeverity(notice))
            + ">1 "
            + DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.MILLIS))
            + " "
            + LocalHost.name()
            + " hsystem - "
            + msgId
            + " - "
            + text;
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_MESSAGE_BYTES) {
      return bytes;
    }
    int end = MAX_MESSAGE_BYTES;
    while ((bytes[end] & 0xC0) == 0x80) {
      end--; // not inside a UTF-8 sequence
    }
    int backslashes = 0;
    while (backslashes < end && bytes[end - 1 - backslashes] == '\\') {
      backslashes++;
    }
    // an odd run of backslashes at the cut would escape nothing: drop one
    return Arrays.copyOf(bytes, backslashes % 2 == 1 ? end - 1 : end);
  }
}
