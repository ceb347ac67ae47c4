package io.hsystem.eventstore.manticore;

import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers, times and IP addresses as unsigned, order-preserving integers (64 bits for numbers and
 * epoch milliseconds, 128 bits for addresses, IPv4 mapped to {@code ::ffff:a.b.c.d}), indexed as
 * the tokens of a hexadecimal trie: one token per prefix length, so equality is one token and a
 * range or a network is an OR of at most a few hundred prefix tokens, all exact.
 */
final class Ordered {

  private static final BigInteger SIGN = BigInteger.ONE.shiftLeft(63);
  private static final BigInteger V4_MAPPED = BigInteger.valueOf(0xFFFFL).shiftLeft(32);

  private Ordered() {}

  /** Bits of the field's ordered form. */
  static int bits(EventField field) {
    return field.kind() == FieldKind.IP ? 128 : 64;
  }

  /** The ordered form of a stored value (Long, Instant or address string). */
  static BigInteger of(EventField field, Object value) {
    return switch (field.kind()) {
      case NUMBER -> fromLong((Long) value);
      case TIME -> fromLong(((Instant) value).toEpochMilli());
      case IP -> ip((String) value);
      default -> throw new IllegalArgumentException(field.fieldName() + " is not ordered");
    };
  }

  /** The ordered form of a query value: a number, an ISO-8601 instant or epoch millis, an IP. */
  static BigInteger parse(EventField field, String text) {
    String s = text.trim();
    try {
      return switch (field.kind()) {
        case NUMBER -> fromLong(Long.parseLong(s));
        case TIME -> fromLong(parseMillis(s));
        case IP -> ip(s);
        default ->
            throw new IllegalArgumentException(
                field.fieldName() + " takes no ranges; use a number, time or IP field");
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "not a " + field.kind().name().toLowerCase() + ": " + text, e);
    }
  }

  private static long parseMillis(String s) {
    if (!s.isEmpty() && s.chars().allMatch(c -> c == '-' || (c >= '0' && c <= '9'))) {
      return Long.parseLong(s);
    }
    return Instant.parse(s).toEpochMilli();
  }

  private static BigInteger fromLong(long value) {
    return BigInteger.valueOf(value).add(SIGN);
  }

  /**
   * A literal IPv4 or IPv6 address as 128 bits; never a DNS lookup (only literals are accepted).
   */
  static BigInteger ip(String text) {
    String s = text.trim();
    if (s.indexOf(':') < 0) {
      String[] parts = s.split("\\.", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException("not an IP address: " + text);
      }
      long v4 = 0;
      for (String part : parts) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
          throw new IllegalArgumentException("not an IP address: " + text);
        }
        int octet = Integer.parseInt(part);
        if (octet > 255) {
          throw new IllegalArgumentException("not an IP address: " + text);
        }
        v4 = v4 << 8 | octet;
      }
      return V4_MAPPED.or(BigInteger.valueOf(v4));
    }
    if (!s.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    try {
      // with a ':' and only hex digits, dots and colons, this parses a literal and resolves nothing
      InetAddress address = InetAddress.getByName(s);
      if (address instanceof Inet4Address) {
        return V4_MAPPED.or(new BigInteger(1, address.getAddress()));
      }
      return new BigInteger(1, address.getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
  }

  /**
   * The first and last address of a network such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}.
   */
  static BigInteger[] cidr(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      BigInteger single = ip(cidr);
      return new BigInteger[] {single, single};
    }
    String address = cidr.substring(0, slash);
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a network: " + cidr, e);
    }
    boolean v4 = address.indexOf(':') < 0;
    if (prefix < 0 || prefix > (v4 ? 32 : 128)) {
      throw new IllegalArgumentException("not a network: " + cidr);
    }
    int hostBits = (v4 ? 32 : 128) - prefix;
    BigInteger hostMask = BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE);
    BigInteger first = ip(address).andNot(hostMask);
    return new BigInteger[] {first, first.or(hostMask)};
  }

  /** Trie tokens indexed for a value: one per hex-prefix length (1 up to all digits). */
  static List<String> indexTokens(EventField field, BigInteger value) {
    String hex = hex(field, value);
    List<String> tokens = new ArrayList<>(hex.length());
    for (int length = 1; length <= hex.length(); length++) {
      tokens.add(prefixToken(field, hex.substring(0, length)));
    }
    return tokens;
  }

  /** The token for exactly this value. */
  static String exactToken(EventField field, BigInteger value) {
    return prefixToken(field, hex(field, value));
  }

  /**
   * Tokens whose union is exactly {@code [lower, upper]} (inclusive, ordered form); empty when the
   * range is empty. The whole domain is the single depth-1 OR of 16 tokens.
   */
  static List<String> rangeTokens(EventField field, BigInteger lower, BigInteger upper) {
    List<String> tokens = new ArrayList<>();
    if (lower.compareTo(upper) <= 0) {
      int digits = bits(field) / 4;
      for (int d = 0; d < 16; d++) {
        cover(field, Integer.toHexString(d), digits, lower, upper, tokens);
      }
    }
    return tokens;
  }

  private static void cover(
      EventField field,
      String prefix,
      int digits,
      BigInteger lower,
      BigInteger upper,
      List<String> tokens) {
    int free = 4 * (digits - prefix.length());
    BigInteger first = new BigInteger(prefix, 16).shiftLeft(free);
    BigInteger last = first.add(BigInteger.ONE.shiftLeft(free)).subtract(BigInteger.ONE);
    if (last.compareTo(lower) < 0 || first.compareTo(upper) > 0) {
      return;
    }
    if (first.compareTo(lower) >= 0 && last.compareTo(upper) <= 0) {
      tokens.add(prefixToken(field, prefix));
      return;
    }
    for (int d = 0; d < 16; d++) {
      cover(field, prefix + Integer.toHexString(d), digits, lower, upper, tokens);
    }
  }

  /** Largest ordered value of the field. */
  static BigInteger max(EventField field) {
    return BigInteger.ONE.shiftLeft(bits(field)).subtract(BigInteger.ONE);
  }

  private static String hex(EventField field, BigInteger value) {
    String hex = value.toString(16);
    return "0".repeat(bits(field) / 4 - hex.length()) + hex;
  }

  private static String prefixToken(EventField field, String hexPrefix) {
    return "n" + String.format("%02d", field.ordinal()) + hexPrefix;
  }
}
