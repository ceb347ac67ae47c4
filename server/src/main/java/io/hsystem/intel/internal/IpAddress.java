package io.hsystem.intel.internal;

/**
 * An IPv4 or IPv6 address parsed from its literal text, never by a name lookup. IPv4-mapped IPv6
 * addresses ({@code ::ffff:1.2.3.4}) are the IPv4 address they carry, so both spellings match the
 * same indicators.
 *
 * <p>The matcher compares addresses as (high 64 bits, low 64 bits) masked to a prefix length; an
 * IPv4 address keeps its 32 bits in the low half.
 */
public final class IpAddress {

  private static final long IPV4_MAPPED_LO_PREFIX = 0x0000_FFFF_0000_0000L;

  private final boolean v4;
  private final long hi;
  private final long lo;

  private IpAddress(boolean v4, long hi, long lo) {
    this.v4 = v4;
    this.hi = hi;
    this.lo = lo;
  }

  /** The address, or null when the text is not an IPv4 dotted quad or an IPv6 literal. */
  public static IpAddress parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      long v4 = parseV4(text, 0, text.length());
      return v4 < 0 ? null : new IpAddress(true, 0, v4);
    }
    return parseV6(text);
  }

  public boolean isV4() {
    return v4;
  }

  /** 32 or 128. */
  public int bits() {
    return v4 ? 32 : 128;
  }

  public boolean isLoopback() {
    return v4 ? (lo >>> 24) == 127 : hi == 0 && lo == 1;
  }

  public boolean isUnspecified() {
    return hi == 0 && lo == 0;
  }

  /** True when no bit after the first {@code prefix} is set. */
  public boolean isNetwork(int prefix) {
    return maskedHi(prefix) == hi && maskedLo(prefix) == lo;
  }

  /** The high 64 bits with every bit after the first {@code prefix} cleared (IPv6 only). */
  public long maskedHi(int prefix) {
    return v4 ? 0 : mask(hi, prefix);
  }

  /** The low bits with every bit after the first {@code prefix} cleared. */
  public long maskedLo(int prefix) {
    return v4 ? mask(lo << 32, prefix) >>> 32 : mask(lo, prefix - 64);
  }

  /** The address with every bit after the first {@code prefix} cleared. */
  public IpAddress network(int prefix) {
    return new IpAddress(v4, maskedHi(prefix), maskedLo(prefix));
  }

  /** Clears all but the first {@code keep} bits of {@code bits} (keep ≤ 0 clears all). */
  private static long mask(long bits, int keep) {
    if (keep <= 0) {
      return 0;
    }
    if (keep >= 64) {
      return bits;
    }
    return bits & (-1L << (64 - keep));
  }

  /** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as {@code ::}). */
  @Override
  public String toString() {
    if (v4) {
      return (lo >>> 24)
          + "."
          + ((lo >>> 16) & 0xFF)
          + "."
          + ((lo >>> 8) & 0xFF)
          + "."
          + (lo & 0xFF);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 4; i++) {
      groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
      groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  /** The 32-bit value of a strict dotted quad in {@code s[from, to)}, or -1. */
  private static long parseV4(String s, int from, int to) {
    long value = 0;
    int octets = 0;
    int i = from;
    while (i <= to) {
      int start = i;
      int octet = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        octet = octet * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return -1;
        }
      }
      int digits = i - start;
      // a leading zero could be read as octal elsewhere: refuse the ambiguity
      if (digits == 0 || octet > 255 || (digits > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | octet;
      octets++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != '.' || octets == 4) {
        return -1;
      }
      i++;
    }
    return octets == 4 ? value : -1;
  }

  private static IpAddress parseV6(String s) {
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return null;
    }
    int[] groups = new int[8];
    int head;
    int tail = 0;
    int[] tailGroups = new int[8];
    if (doubleColon < 0) {
      head = groups(s, 0, s.length(), groups, true);
      if (head != 8) {
        return null;
      }
    } else {
      head = groups(s, 0, doubleColon, groups, false);
      tail = groups(s, doubleColon + 2, s.length(), tailGroups, true);
      if (head < 0 || tail < 0 || head + tail > 7) {
        return null;
      }
      System.arraycopy(tailGroups, 0, groups, 8 - tail, tail);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 4; i++) {
      hi = (hi << 16) | groups[i];
      lo = (lo << 16) | groups[i + 4];
    }
    if (hi == 0 && (lo & 0xFFFF_FFFF_0000_0000L) == IPV4_MAPPED_LO_PREFIX) {
      return new IpAddress(true, 0, lo & 0xFFFF_FFFFL);
    }
    return new IpAddress(false, hi, lo);
  }

  /**
   * Parses colon-separated hex groups of {@code s[from, to)} into {@code out}; the last one may be
   * a dotted quad (two groups) when {@code v4Last}. Returns the number of groups, or -1.
   */
  private static int groups(String s, int from, int to, int[] out, boolean v4Last) {
    if (from == to) {
      return 0;
    }
    int n = 0;
    int i = from;
    while (true) {
      int start = i;
      int value = 0;
      while (i < to && hex(s.charAt(i)) >= 0) {
        value = (value << 4) | hex(s.charAt(i));
        i++;
      }
      if (i < to && s.charAt(i) == '.') {
        int end = s.indexOf(':', start);
        if (!v4Last || (end >= 0 && end < to) || n > 6) {
          return -1;
        }
        long v4 = parseV4(s, start, to);
        if (v4 < 0) {
          return -1;
        }
        out[n++] = (int) (v4 >>> 16);
        out[n++] = (int) (v4 & 0xFFFF);
        return n;
      }
      int digits = i - start;
      if (digits == 0 || digits > 4 || n == 8) {
        return -1;
      }
      out[n++] = value;
      if (i == to) {
        return n;
      }
      if (s.charAt(i) != ':' || i + 1 == to) {
        return -1;
      }
      i++;
    }
  }

  /**
   * The value of an ASCII hex digit, or -1 (Character.digit would accept other scripts' digits).
   */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
