package io.hsystem.intel.internal;

import io.hsystem.intel.IocType;
import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The canonical form of indicator values, shared by everything that stores them and by the matcher
 * that compares event values with them: IPs as {@link IpAddress} prints them, domains in lower-case
 * ASCII (IDNs as punycode) without the trailing dot, hashes in lower-case hex, URLs trimmed with
 * scheme and host in lower case.
 *
 * <p>{@link #normalize} validates and explains; the {@code *Key} methods are the matcher's cheap,
 * non-validating counterparts for event values.
 */
public final class IocValues {

  public static final int MAX_URL = 2048;
  public static final int MAX_DOMAIN = 253;
  public static final int MAX_TAGS = 32;
  public static final int MAX_TAG = 128;
  public static final int MAX_DESCRIPTION = 4096;

  private static final int QUOTE_LIMIT = 60;
  private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]{0,31}");
  private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private IocValues() {}

  /** A value that is not a valid indicator; the message says why, quoting the value. */
  public static final class InvalidIocException extends Exception {
    public InvalidIocException(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A validated indicator value. */
  public record Normalized(IocType type, String value) {}

  /**
   * Validates and normalises {@code raw} as {@code type}, or as the type its form shows when {@code
   * type} is null. Defanged values ({@code hxxp://evil[.]example}) are refanged first.
   */
  public static Normalized parse(IocType type, String raw) throws InvalidIocException {
    if (raw == null || raw.isBlank()) {
      throw new InvalidIocException("the value is empty");
    }
    String value = refang(raw.strip());
    IocType actual = type != null ? type : detect(value);
    return new Normalized(actual, normalize(actual, value));
  }

  /** The source name in canonical (lower) case, or an explanation. */
  public static String source(String source) throws InvalidIocException {
    String s = source == null ? "" : source.strip().toLowerCase(Locale.ROOT);
    if (!SOURCE.matcher(s).matches()) {
      throw new InvalidIocException(
          "must be 1–64 characters: letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit");
    }
    return s;
  }

  /** A value shortened for an explanation, control characters replaced. */
  public static String quote(String value) {
    StringBuilder sb = new StringBuilder(QUOTE_LIMIT + 3).append('\'');
    int n = Math.min(value.length(), QUOTE_LIMIT);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    if (value.length() > QUOTE_LIMIT) {
      sb.append('…');
    }
    return sb.append('\'').toString();
  }

  /**
   * Tags trimmed, without blanks and duplicates; tags over {@link #MAX_TAG} characters or with
   * control characters, and those past the first {@link #MAX_TAGS}, are dropped and counted.
   */
  public static CleanTags cleanTags(List<String> tags) {
    Set<String> kept = new LinkedHashSet<>();
    int dropped = 0;
    for (String tag : tags) {
      String t = tag == null ? "" : tag.strip();
      if (t.isEmpty() || kept.contains(t)) {
        continue;
      }
      if (t.length() > MAX_TAG || t.chars().anyMatch(Character::isISOControl)) {
        dropped++;
      } else if (kept.size() == MAX_TAGS) {
        dropped++;
      } else {
        kept.add(t);
      }
    }
    return new CleanTags(List.copyOf(kept), dropped);
  }

  /**
   * @param dropped tags that did not fit the limits
   */
  public record CleanTags(List<String> tags, int dropped) {}

  // ---- detection and validation

  private static IocType detect(String v) throws InvalidIocException {
    if (v.contains("://")) {
      return IocType.URL;
    }
    if (isHex(v)) {
      switch (v.length()) {
        case 32:
          return IocType.MD5;
        case 40:
          return IocType.SHA1;
        case 64:
          return IocType.SHA256;
        default:
          if (v.length() >= 24) {
            throw new InvalidIocException(
                quote(v)
                    + " looks like a hash but has "
                    + v.length()
                    + " hex digits (MD5 has 32, SHA-1 40, SHA-256 64)");
          }
      }
    }
    int slash = v.indexOf('/');
    if (slash >= 0) {
      // an address before the slash is a network; anything else with a slash is a URL
      // that lacks its scheme, which the URL check explains
      return IpAddress.parse(v.substring(0, slash)) != null ? IocType.CIDR : IocType.URL;
    }
    if (v.indexOf(':') >= 0 || IpAddress.parse(v) != null || looksNumeric(v)) {
      return IocType.IP;
    }
    if (v.indexOf('.') > 0) {
      return IocType.DOMAIN;
    }
    throw new InvalidIocException(
        quote(v) + " is not an IP address, network, domain, URL or MD5/SHA-1/SHA-256 hash");
  }

  private static String normalize(IocType type, String v) throws InvalidIocException {
    return switch (type) {
      case IP -> ip(v);
      case CIDR -> cidr(v);
      case DOMAIN -> domain(v);
      case URL -> url(v);
      case SHA256, SHA1, MD5 -> hash(type, v);
    };
  }

  private static String ip(String v) throws InvalidIocException {
    if (v.indexOf('/') >= 0) {
      throw new InvalidIocException(quote(v) + " is a network: use type cidr");
    }
    IpAddress ip = IpAddress.parse(unbracket(v));
    if (ip == null) {
      throw new InvalidIocException(quote(v) + " is not an IPv4 or IPv6 address");
    }
    if (ip.isLoopback() || ip.isUnspecified()) {
      throw new InvalidIocException(
          quote(v) + " is " + (ip.isLoopback() ? "a loopback" : "an unspecified") + " address");
    }
    return ip.toString();
  }

  private static String cidr(String v) throws InvalidIocException {
    int slash = v.indexOf('/');
    if (slash < 0) {
      throw new InvalidIocException(quote(v) + " has no /prefix length: use type ip");
    }
    IpAddress ip = IpAddress.parse(v.substring(0, slash));
    if (ip == null) {
      throw new InvalidIocException(quote(v) + " does not start with an IPv4 or IPv6 address");
    }
    String digits = v.substring(slash + 1);
    if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
      throw new InvalidIocException(quote(v) + " has no valid /prefix length");
    }
    int prefix = Integer.parseInt(digits);
    if (prefix < 1 || prefix > ip.bits()) {
      throw new InvalidIocException(
          quote(v) + ": the prefix length must be 1–" + ip.bits() + " (/0 would match everything)");
    }
    String canonical = ip + "/" + prefix;
    if (!ip.isNetwork(prefix)) {
      throw new InvalidIocException(
          quote(v) + " has host bits set; did you mean " + ip.network(prefix) + "/" + prefix + "?");
    }
    return canonical;
  }

  private static String domain(String v) throws InvalidIocException {
    if (v.startsWith("*.")) {
      throw new InvalidIocException(
          quote(v) + ": wildcards are not supported; a domain indicator matches its subdomains");
    }
    String d = domainKey(v);
    if (d == null) {
      throw new InvalidIocException(quote(v) + " is not a valid internationalised domain name");
    }
    if (d.isEmpty() || d.length() > MAX_DOMAIN) {
      throw new InvalidIocException(quote(v) + ": a domain has 1–" + MAX_DOMAIN + " characters");
    }
    String[] labels = d.split("\\.", -1);
    if (labels.length < 2) {
      throw new InvalidIocException(quote(v) + ": a domain needs at least two labels");
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63) {
        throw new InvalidIocException(quote(v) + ": each label has 1–63 characters");
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
          throw new InvalidIocException(
              quote(v) + ": character " + quote(String.valueOf(c)) + " is not allowed in a domain");
        }
      }
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw new InvalidIocException(quote(v) + " is not a domain (numeric top-level label)");
    }
    return d;
  }

  private static String url(String v) throws InvalidIocException {
    if (v.length() > MAX_URL) {
      throw new InvalidIocException("a URL has at most " + MAX_URL + " characters");
    }
    int sep = v.indexOf("://");
    if (sep <= 0 || !SCHEME.matcher(v.substring(0, sep)).matches()) {
      throw new InvalidIocException(quote(v) + " needs a scheme such as http://");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c == 0x7F) {
        throw new InvalidIocException(quote(v) + " contains spaces or control characters");
      }
    }
    String key = urlKey(v);
    if (key == null) {
      throw new InvalidIocException(quote(v) + " has a host that is not a valid domain name");
    }
    int authorityEnd = authorityEnd(key, sep + 3);
    for (int i = authorityEnd; i < key.length(); i++) {
      if (key.charAt(i) > 0x7E) {
        throw new InvalidIocException(
            quote(v) + ": characters outside ASCII must be percent-encoded");
      }
    }
    String host = urlHost(key);
    if (host == null || host.isEmpty()) {
      throw new InvalidIocException(quote(v) + " has no host");
    }
    if (IpAddress.parse(host) == null) {
      try {
        domain(host);
      } catch (InvalidIocException e) {
        throw new InvalidIocException("host of " + quote(v) + ": " + e.getMessage());
      }
    }
    return key;
  }

  private static String hash(IocType type, String v) throws InvalidIocException {
    String h = v.toLowerCase(Locale.ROOT);
    if (!isHex(h)) {
      throw new InvalidIocException(quote(v) + " is not hexadecimal");
    }
    if (h.length() != type.hexLength()) {
      throw new InvalidIocException(
          "a "
              + type.name().toLowerCase(Locale.ROOT)
              + " hash has "
              + type.hexLength()
              + " hex digits, "
              + quote(v)
              + " has "
              + h.length());
    }
    return h;
  }

  // ---- keys: the same canonical forms, computed cheaply and without validation for event values

  /**
   * Lower-case ASCII form of a domain (punycode for IDNs) without trailing dot; null if not IDN.
   */
  public static String domainKey(String name) {
    int n = name.length();
    boolean plain = n > 0 && name.charAt(n - 1) != '.';
    for (int i = 0; plain && i < n; i++) {
      char c = name.charAt(i);
      plain = c < 0x80 && !(c >= 'A' && c <= 'Z');
    }
    if (plain) {
      return name;
    }
    String d = name.endsWith(".") ? name.substring(0, n - 1) : name;
    d = d.toLowerCase(Locale.ROOT);
    if (!isAscii(d)) {
      try {
        d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return d;
  }

  /**
   * A URL with scheme and authority in lower case (an IDN host as punycode); text without {@code
   * ://} is returned as it is. Null when the host is not a valid IDN.
   */
  public static String urlKey(String url) {
    String u = url.strip();
    int sep = u.indexOf("://");
    if (sep <= 0) {
      return u;
    }
    int end = authorityEnd(u, sep + 3);
    boolean canonical = true;
    for (int i = 0; canonical && i < end; i++) {
      char c = u.charAt(i);
      canonical = c < 0x80 && !(c >= 'A' && c <= 'Z');
    }
    if (canonical) {
      return u;
    }
    String head = u.substring(0, end).toLowerCase(Locale.ROOT);
    if (!isAscii(head)) {
      int hostStart = Math.max(head.lastIndexOf('@') + 1, sep + 3);
      int hostEnd = head.indexOf(':', hostStart);
      hostEnd = hostEnd < 0 ? head.length() : hostEnd;
      String host = domainKey(head.substring(hostStart, hostEnd));
      if (host == null) {
        return null;
      }
      head = head.substring(0, hostStart) + host + head.substring(hostEnd);
    }
    return head + u.substring(end);
  }

  /** The host of a URL key (without brackets, userinfo and port), or null for relative URLs. */
  public static String urlHost(String urlKey) {
    int sep = urlKey.indexOf("://");
    if (sep <= 0) {
      return null;
    }
    int start = sep + 3;
    int end = authorityEnd(urlKey, start);
    int at = urlKey.lastIndexOf('@', end - 1);
    if (at >= start) {
      start = at + 1;
    }
    if (start < end && urlKey.charAt(start) == '[') {
      int close = urlKey.indexOf(']', start);
      return close < 0 || close > end ? null : urlKey.substring(start + 1, close);
    }
    int colon = urlKey.indexOf(':', start);
    if (colon >= 0 && colon < end) {
      end = colon;
    }
    return urlKey.substring(start, end);
  }

  /** A hash in lower case. */
  public static String hashKey(String hash) {
    for (int i = 0; i < hash.length(); i++) {
      char c = hash.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return hash.toLowerCase(Locale.ROOT);
      }
    }
    return hash;
  }

  // ---- helpers

  private static int authorityEnd(String url, int from) {
    for (int i = from; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        return i;
      }
    }
    return url.length();
  }

  /**
   * Undoes the usual defanging: {@code hxxp}, {@code [.]}, {@code (.)}, {@code [dot]}, {@code [:]}.
   */
  private static String refang(String v) {
    String r = v;
    if (r.regionMatches(true, 0, "hxxp", 0, 4)) {
      r = "http" + r.substring(4);
    }
    if (r.indexOf('[') >= 0 || r.indexOf('(') >= 0 || r.indexOf('{') >= 0) {
      r =
          r.replace("[.]", ".")
              .replace("(.)", ".")
              .replace("{.}", ".")
              .replace("[dot]", ".")
              .replace("(dot)", ".")
              .replace("[:]", ":")
              .replace("[://]", "://");
    }
    return r;
  }

  private static String unbracket(String v) {
    return v.length() > 2 && v.charAt(0) == '[' && v.charAt(v.length() - 1) == ']'
        ? v.substring(1, v.length() - 1)
        : v;
  }

  static boolean isHex(String v) {
    if (v.isEmpty()) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      if (!hexDigit(v.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean hexDigit(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private static boolean looksNumeric(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Splits a tag list written as one string ({@code a;b} or {@code a, b}). */
  public static List<String> splitTags(String tags) {
    List<String> result = new ArrayList<>();
    if (tags == null) {
      return result;
    }
    for (String tag : tags.split("[;,]")) {
      if (!tag.isBlank()) {
        result.add(tag.strip());
      }
    }
    return result;
  }
}
