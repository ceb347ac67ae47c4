package io.hsystem.detection.sigma;

/**
 * An IPv4 or IPv6 network in CIDR notation, and the address parsing it needs. Addresses are parsed
 * by hand: never through {@code InetAddress}, which would look a host name up.
 *
 * <p>IPv4 addresses are held as IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}), so {@code 10.0.0.0/8}
 * also contains {@code ::ffff:10.1.2.3}.
 */
final class IpNetwork {

  private static final long MAPPED_HIGH = 0L;
  private static final long MAPPED_LOW_PREFIX = 0x0000_ffff_0000_0000L;

  private final long high;
  private final long low;
  private final int prefix;
  private final String text;

  private IpNetwork(long high, long low, int prefix, String text) {
    this.high = high;
    this.low = low;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * Parses {@code address/prefix} (or a bare address, a single host).
   *
   * @throws IllegalArgumentException with the reason when it is not a network
   */
  static IpNetwork parse(String cidr) {
    String s = cidr.strip();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    long[] parsed = new long[2];
    boolean v4 = address.indexOf(':') < 0;
    if (!parseAddress(address, parsed)) {
      throw new IllegalArgumentException("'" + cidr + "' is not an IP network");
    }
    int bits = v4 ? 32 : 128;
    int prefix = bits;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length");
      }
      prefix = Integer.parseInt(p);
      if (prefix > bits) {
        throw new IllegalArgumentException("'" + cidr + "': prefix longer than " + bits + " bits");
      }
    }
    int mappedPrefix = v4 ? prefix + 96 : prefix;
    return new IpNetwork(
        parsed[0] & mask(mappedPrefix, 0), parsed[1] & mask(mappedPrefix, 64), mappedPrefix, s);
  }

  /** Whether the address text lies in this network; anything but an address does not. */
  boolean contains(CharSequence address) {
    long[] parsed = new long[2];
    if (!parseAddress(address, parsed)) {
      return false;
    }
    return (parsed[0] & mask(prefix, 0)) == high && (parsed[1] & mask(prefix, 64)) == low;
  }

  /** The mask of the 64 bits starting at bit {@code offset} for a prefix length. */
  private static long mask(int prefix, int offset) {
    int bits = Math.max(0, Math.min(64, prefix - offset));
    return bits == 0 ? 0L : -1L << (64 - bits);
  }

  /** Parses an IPv4 or IPv6 literal into two longs (IPv4 as mapped IPv6); false when invalid. */
  static boolean parseAddress(CharSequence s, long[] out) {
    int n = s.length();
    if (n == 0 || n > 45) {
      return false;
    }
    boolean colon = false;
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) == ':') {
        colon = true;
        break;
      }
    }
    if (!colon) {
      long v4 = parseIpv4(s, 0, n);
      if (v4 < 0) {
        return false;
      }
      out[0] = MAPPED_HIGH;
      out[1] = MAPPED_LOW_PREFIX | v4;
      return true;
    }
    return parseIpv6(s, n, out);
  }

  /** Dotted quad to an unsigned 32-bit value, or -1. */
  private static long parseIpv4(CharSequence s, int from, int to) {
    long value = 0;
    int parts = 0;
    int i = from;
    while (i <= to) {
      int start = i;
      int octet = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
        octet = octet * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || octet > 255 || (i - start > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | octet;
      parts++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != '.' || parts == 4) {
        return -1;
      }
      i++;
    }
    return parts == 4 ? value : -1;
  }

  private static boolean parseIpv6(CharSequence s, int n, long[] out) {
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    if (n >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      gap = 0;
      i = 2;
    } else if (s.charAt(0) == ':') {
      return false;
    }
    while (i < n) {
      if (count == 8) {
        return false;
      }
      int start = i;
      int group = 0;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
        group = (group << 4) | Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        // an IPv4 tail such as ::ffff:10.1.2.3 takes the last two groups
        long v4 = parseIpv4(s, start, n);
        if (v4 < 0 || count > 6) {
          return false;
        }
        groups[count++] = (int) (v4 >>> 16);
        groups[count++] = (int) (v4 & 0xffff);
        i = n;
        break;
      }
      if (i == start) {
        return false;
      }
      groups[count++] = group;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (gap >= 0) {
          return false;
        }
        gap = count;
        i++;
      } else if (i == n) {
        return false;
      }
    }
    int[] full = new int[8];
    if (gap < 0) {
      if (count != 8) {
        return false;
      }
      full = groups;
    } else {
      if (count > 7) {
        return false;
      }
      System.arraycopy(groups, 0, full, 0, gap);
      int tail = count - gap;
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    long high = 0;
    long low = 0;
    for (int g = 0; g < 4; g++) {
      high = (high << 16) | full[g];
      low = (low << 16) | full[g + 4];
    }
    out[0] = high;
    out[1] = low;
    return true;
  }

  @Override
  public String toString() {
    return text;
  }
}
