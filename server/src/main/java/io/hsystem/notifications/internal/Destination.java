package io.hsystem.notifications.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A channel's decrypted settings, as the senders use them. The records holding secrets print
 * without them, so that no log line can carry one.
 */
public sealed interface Destination {

  /** A generic JSON webhook. */
  record Webhook(URI url, Map<String, String> headers) implements Destination {

    public Webhook {
      headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
      return "Webhook[" + ChannelSettings.origin(url) + ", headers " + headers.keySet() + "]";
    }
  }

  /** A DingTalk, WeCom or Feishu robot; {@code signingSecret} is null when it does not sign. */
  record Robot(URI url, String signingSecret) implements Destination {

    @Override
    public String toString() {
      return "Robot[" + ChannelSettings.origin(url) + "]";
    }
  }

  /** An SMTP server and the message's envelope; {@code username} null means no login. */
  record Smtp(
      String host,
      int port,
      SmtpSecurity security,
      String username,
      String password,
      String from,
      List<String> to)
      implements Destination {

    public Smtp {
      to = List.copyOf(to);
    }

    @Override
    public String toString() {
      return "Smtp[" + host + ":" + port + " " + security + ", from " + from + ", to " + to + "]";
    }
  }

  /** A syslog receiver. */
  record Syslog(String host, int port, Transport transport, Format format, int facility)
      implements Destination {

    /** UDP datagrams, or TCP with octet-counted framing (RFC 6587). */
    public enum Transport {
      UDP,
      TCP
    }

    /** An RFC 5424 message whose text is a CEF:0 record, or the alert as JSON. */
    public enum Format {
      CEF,
      JSON
    }
  }

  /** How the SMTP connection is protected. */
  enum SmtpSecurity {
    /** Plain connection upgraded with STARTTLS, which the server must offer. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, usually port 465). */
    TLS,
    /** No encryption: only for a relay on the same host or a trusted network. */
    NONE
  }
}
