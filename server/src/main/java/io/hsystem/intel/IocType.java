package io.hsystem.intel;

/** What an indicator's value is; the value is stored in this type's canonical form. */
public enum IocType {
  /** One IPv4 or IPv6 address, canonical text (IPv6 compressed, lower case). */
  IP,
  /** An IPv4 or IPv6 network, {@code address/prefix} with no host bits set. */
  CIDR,
  /** A domain in lower-case ASCII (IDNs as punycode), no trailing dot; matches its subdomains. */
  DOMAIN,
  /** An absolute URL, trimmed, scheme and host in lower case; matches exactly. */
  URL,
  SHA256,
  SHA1,
  MD5;

  /** Length in hex digits for hash types, 0 for the others. */
  public int hexLength() {
    return switch (this) {
      case SHA256 -> 64;
      case SHA1 -> 40;
      case MD5 -> 32;
      default -> 0;
    };
  }
}
