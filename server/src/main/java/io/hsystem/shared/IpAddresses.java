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
