package io.hsystem.notifications.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Where notifications may be sent (ADR 010): loopback and private networks are allowed, because
 * SIEMs, mail relays and chat gateways of on-premises installations live there; link-local
 * addresses (169.254.0.0/16 with the cloud metadata service, fe80::/10), the AWS IPv6 metadata
 * address fd00:ec2::254, unspecified, multicast and broadcast addresses never are.
 */
public final class OutboundTargets {

  private static final byte[] AWS_IPV6_METADATA = address("fd00:ec2::254");
  private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b};

  private OutboundTargets() {}

  /** Why the address is refused, or null when messages may go there. */
  public static String refusal(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return "an unspecified address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address (cloud metadata lives there)";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address && (bytes[0] & 0xff) == 255 && allOnes(bytes)) {
      return "the broadcast address";
    }
    if (address instanceof Inet6Address) {
      if (Arrays.equals(bytes, AWS_IPV6_METADATA)) {
        return "the cloud metadata address";
      }
      if (embedsIpv4(bytes)) {
        try {
          byte[] v4 = Arrays.copyOfRange(bytes, 12, 16);
          return refusal(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return null;
  }

  /**
   * Resolves the host and checks every address it has: one refused address refuses the host, so
   * that a name cannot smuggle a metadata address in among others.
   */
  public static List<InetAddress> resolve(String host) throws DeliveryException {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw DeliveryException.retryable("cannot resolve " + host);
    }
    for (InetAddress address : addresses) {
      String refusal = refusal(address);
      if (refusal != null) {
        throw DeliveryException.permanent(
            host + " resolves to " + address.getHostAddress() + ", " + refusal + "; refused");
      }
    }
    return List.of(addresses);
  }

  /** IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses carry an IPv4 address. */
  private static boolean embedsIpv4(byte[] bytes) {
    boolean compatible = true;
    for (int i = 0; i < 12; i++) {
      compatible &= bytes[i] == 0;
    }
    boolean nat64 = Arrays.equals(Arrays.copyOf(bytes, 4), NAT64_PREFIX);
    for (int i = 4; i < 12 && nat64; i++) {
      nat64 = bytes[i] == 0;
    }
    return compatible || nat64;
  }

  private static boolean allOnes(byte[] bytes) {
    for (byte b : bytes) {
      if (b != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  private static byte[] address(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
