package io.hsystem.notifications.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * This machine's name, as syslog's HOSTNAME and SMTP's EHLO give it. Looked up once, on first use
 * by a sender thread, because the lookup can wait on DNS.
 */
final class LocalHost {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");

  private LocalHost() {}

  static String name() {
    return Holder.NAME;
  }

  private static final class Holder {
    static final String NAME = lookUp();

    private static String lookUp() {
      try {
        String name = InetAddress.getLocalHost().getHostName();
        return SAFE.matcher(name).matches() ? name : "localhost";
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
