package io.hsystem.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Validates IP address literals without ever resolving a name. */
public final class IpAddresses {

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpAddresses() {}

  /** True for an IPv4 dotted quad or an IPv6 literal. */
  public static boolean isValid(String value) {
    if (value == null) {
      return false;
    }
    if (IPV4.matcher(value).matches()) {
      return true;
    }
    if (value.indexOf(':') < 0 || !IPV6_CHARS.matcher(value).matches()) {
      return false;
    }
    try {
      // a string with ':' is parsed as an IPv6 literal, never looked up
      InetAddress.getByName(value);
      return true;
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  /** The address of a literal (never a name lookup), or null when it is not one. */
  public static InetAddress parse(String value) {
    if (!isValid(value)) {
      return null;
    }
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  /**
   * True when {@code ip} lies in {@code cidr} (such as {@code 10.0.0.0/8} or {@code
   * 2001:db8::/32}); false for anything malformed or of the other address family.
   */
  public static boolean inCidr(String ip, String cidr) {
    int slash = cidr == null ? -1 : cidr.indexOf('/');
    InetAddress address = parse(ip);
    InetAddress network = slash < 0 ? null : parse(cidr.substring(0, slash));
    if (address == null || network == null) {
      return false;
    }
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    int bits;
    try {
      bits = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    if (a.length != n.length || bits < 0 || bits > n.length * 8) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >>> (i % 8);
      if ((a[i / 8] & mask) != (n[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  /** True for a well-formed CIDR block. */
  public static boolean isCidr(String cidr) {
    int slash = cidr == null ? -1 : cidr.indexOf('/');
    return slash > 0 && inCidr(cidr.substring(0, slash), cidr);
  }

  /** Returns the trimmed address, or a 400 naming {@code field}. Null and blank stay null. */
  public static String require(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    if (!isValid(trimmed)) {
      throw ApiException.badField(field, "must be an IPv4 or IPv6 address");
    }
    return trimmed;
  }
}
