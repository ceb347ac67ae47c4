package io.hsystem.eventstore.lucene;

import io.hsystem.shared.IpAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address literals to {@link InetAddress}, validated first so that no name is ever resolved. */
final class IpParsing {

  private IpParsing() {}

  /** The address, or null when the text is not an IP literal. */
  static InetAddress parse(String text) {
    if (!IpAddresses.isValid(text)) {
      return null;
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
