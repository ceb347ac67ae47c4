package io.hsystem.intel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.intel.IocType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IocValuesTest {

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "198.51.100.23 | ip | 198.51.100.23",
        "2001:DB8:0:0:0:0:0:7 | ip | 2001:db8::7",
        "2001:db8:0:0:1:0:0:1 | ip | 2001:db8::1:0:0:1",
        "2001:db8::0:1:0:0:0 | ip | 2001:db8:0:0:1::",
        "2001:db8:1:2:3:4:5:6 | ip | 2001:db8:1:2:3:4:5:6",
        "2001:db8:0:1:1:1:1:1 | ip | 2001:db8:0:1:1:1:1:1",
        "::ffff:198.51.100.7 | ip | 198.51.100.7",
        "[2001:db8::bad] | ip | 2001:db8::bad",
        "203.0.113.0/24 | cidr | 203.0.113.0/24",
        "2001:DB8:AB00::/40 | cidr | 2001:db8:ab00::/40",
        "Evil.Example. | domain | evil.example",
        "bücher.test | domain | xn--bcher-kva.test",
        "_dmarc.evil.example | domain | _dmarc.evil.example",
        "evil[.]example | domain | evil.example",
        "HTTP://Evil.Example:8080/Gate.php?ID=1 | url | http://evil.example:8080/Gate.php?ID=1",
        "hxxps://download.evil[.]example/x | url | https://download.evil.example/x",
        "https://bücher.test/ | url | https://xn--bcher-kva.test/",
        "http://[2001:db8::1]/x | url | http://[2001:db8::1]/x",
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 | sha256 |"
            + " e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709 | sha1 |"
            + " da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "d41d8cd98f00b204e9800998ecf8427e | md5 | d41d8cd98f00b204e9800998ecf8427e",
      })
  void valuesAreDetectedAndPutInCanonicalForm(String raw, String type, String canonical)
      throws Exception {
    IocValues.Normalized n = IocValues.parse(null, raw);
    assertThat(n.type()).isEqualTo(IocType.valueOf(type.toUpperCase()));
    assertThat(n.value()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "{1} {0}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "256.1.1.1 | ip | '256.1.1.1' is not an IPv4 or IPv6 address",
        "01.2.3.4 | ip | '01.2.3.4' is not an IPv4 or IPv6 address",
        "1.2.3 | ip | '1.2.3' is not an IPv4 or IPv6 address",
        "2001:db8::1::2 | ip | '2001:db8::1::2' is not an IPv4 or IPv6 address",
        "2001:db8:1:2:3:4:5:6:7 | ip | '2001:db8:1:2:3:4:5:6:7' is not an IPv4 or IPv6 address",
        "fe80::1%eth0 | ip | 'fe80::1%eth0' is not an IPv4 or IPv6 address",
        "127.0.0.1 | ip | '127.0.0.1' is a loopback address",
        "0.0.0.0 | ip | '0.0.0.0' is an unspecified address",
        "10.1.2.3/8 | cidr | '10.1.2.3/8' has host bits set; did you mean 10.0.0.0/8?",
        "2001:db8::1/32 | cidr | '2001:db8::1/32' has host bits set; did you mean 2001:db8::/32?",
        "10.0.0.0/0 | cidr | '10.0.0.0/0': the prefix length must be 1–32 (/0 would match"
            + " everything)",
        "10.0.0.0/33 | cidr | '10.0.0.0/33': the prefix length must be 1–32 (/0 would match"
            + " everything)",
        "*.evil.example | domain | '*.evil.example': wildcards are not supported; a domain"
            + " indicator matches its subdomains",
        "localhost | domain | 'localhost': a domain needs at least two labels",
        "evil..example | domain | 'evil..example': each label has 1–63 characters",
        "ev!l.example | domain | 'ev!l.example': character '!' is not allowed in a domain",
        "192.0.2.11 | domain | '192.0.2.11' is not a domain (numeric top-level label)",
        "evil.example/x | url | 'evil.example/x' needs a scheme such as http://",
        "http://evil.example/a b | url | 'http://evil.example/a b' contains spaces or control"
            + " characters",
        "http://evil.example/ü | url | 'http://evil.example/ü': characters outside ASCII must be"
            + " percent-encoded",
        "http:///x | url | 'http:///x' has no host",
        "d41d8cd98f00b204e9800998ecf842 | md5 | a md5 hash has 32 hex digits,"
            + " 'd41d8cd98f00b204e9800998ecf842' has 30",
        "zz1d8cd98f00b204e9800998ecf8427e | md5 | 'zz1d8cd98f00b204e9800998ecf8427e' is not"
            + " hexadecimal",
      })
  void invalidValuesAreExplained(String raw, String type, String reason) {
    assertThatThrownBy(() -> IocValues.parse(IocType.valueOf(type.toUpperCase()), raw))
        .isInstanceOf(IocValues.InvalidIocException.class)
        .hasMessage(reason);
  }

  @Test
  void valuesOfNoKnownShapeAreRefusedWhenTheTypeIsDetected() {
    assertThatThrownBy(() -> IocValues.parse(null, "not-a-value"))
        .hasMessage(
            "'not-a-value' is not an IP address, network, domain, URL or MD5/SHA-1/SHA-256 hash");
    assertThatThrownBy(() -> IocValues.parse(null, "   ")).hasMessage("the value is empty");
  }

  @Test
  void matchKeysGiveEventValuesTheIndicatorsCanonicalForm() {
    assertThat(IocValues.domainKey("WWW.Evil.Example.")).isEqualTo("www.evil.example");
    assertThat(IocValues.domainKey("bücher.test")).isEqualTo("xn--bcher-kva.test");
    assertThat(IocValues.urlKey(" HTTP://User@Evil.Example:81/A?b#C "))
        .isEqualTo("http://user@evil.example:81/A?b#C");
    assertThat(IocValues.urlHost("http://user@evil.example:81/A")).isEqualTo("evil.example");
    assertThat(IocValues.urlHost("http://[2001:db8::1]:8080/")).isEqualTo("2001:db8::1");
    assertThat(IocValues.urlHost("/index.php")).isNull();
    assertThat(IocValues.hashKey("ABCdef")).isEqualTo("abcdef");
  }

  @Test
  void sourcesAreLowerCaseNames() throws Exception {
    assertThat(IocValues.source(" Abuse.ch-Feodo ")).isEqualTo("abuse.ch-feodo");
    assertThatThrownBy(() -> IocValues.source("my feed"))
        .isInstanceOf(IocValues.InvalidIocException.class);
    assertThatThrownBy(() -> IocValues.source("x".repeat(65)))
        .isInstanceOf(IocValues.InvalidIocException.class);
  }

  @Test
  void tagsBeyondTheLimitsAreDroppedAndCounted() {
    var tags = new java.util.ArrayList<String>();
    tags.add(" c2 ");
    tags.add("c2");
    tags.add("");
    tags.add("x".repeat(IocValues.MAX_TAG + 1));
    for (int i = 0; i < IocValues.MAX_TAGS + 2; i++) {
      tags.add("t" + i);
    }
    IocValues.CleanTags clean = IocValues.cleanTags(tags);
    assertThat(clean.tags()).hasSize(IocValues.MAX_TAGS).startsWith("c2", "t0");
    assertThat(clean.dropped()).isEqualTo(1 + 3);
  }
}
