package io.hsystem.intel.internal.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StixPatternTest {

  @Test
  void orOfEqualityComparisonsInAndAcrossObservations() throws Exception {
    assertThat(
            StixPattern.parse(
                "([ipv4-addr:value = '192.0.2.1' OR (ipv6-addr:value = '2001:db8::1')])"
                    + " OR [file:hashes.'SHA-256' = 'it\\'s escaped']"))
        .containsExactly(
            new StixPattern.Comparison("ipv4-addr:value", "192.0.2.1"),
            new StixPattern.Comparison("ipv6-addr:value", "2001:db8::1"),
            new StixPattern.Comparison("file:hashes.'SHA-256'", "it's escaped"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "[ipv4-addr:value != '192.0.2.1'] | the operator != is not supported (only =)",
        "[ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')] | the operator IN is not supported (only"
            + " =)",
        "[ipv4-addr:value MATCHES '^192'] | the operator MATCHES is not supported (only =)",
        "[NOT ipv4-addr:value = '192.0.2.1'] | NOT is not supported",
        "[ipv4-addr:value NOT = '192.0.2.1'] | NOT is not supported",
        "[network-traffic:dst_port = 443] | comparisons with '443' are not supported (only quoted"
            + " strings)",
        "[a:value = 'x'] AND [b:value = 'y'] | AND between observations is not supported (only"
            + " OR)",
        "[a:value = 'x'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z' | the"
            + " qualifier START is not supported",
        "[a:value = 'x'] WITHIN 300 SECONDS | the qualifier WITHIN is not supported",
        "[EXISTS windows-registry-key:values] | EXISTS is not supported",
      })
  void constructsOutsideTheSubsetAreUnsupported(String pattern, String reason) {
    assertThatThrownBy(() -> StixPattern.parse(pattern))
        .isInstanceOf(StixPattern.UnsupportedException.class)
        .hasMessage(reason);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "[ipv4-addr:value = '192.0.2.1] | the string at position 20 is never closed",
        "[ipv4-addr:value = '192.0.2.1' | expected ']' at position 31, found the end",
        "ipv4-addr:value = '192.0.2.1' | expected '[' or '(' at position 1, found"
            + " 'ipv4-addr:value'",
        "[ipv4-addr:value = '192.0.2.1']] | expected the end of the pattern at position 32,"
            + " found ']'",
        "[] | expected an object path such as ipv4-addr:value at position 2, found ']'",
        "[ipv4-addr:value ! '1'] | '!' without '=' at position 18",
        "[ipv4-addr:value = '1'] ; | unexpected ';' at position 25",
        " | expected '[' or '(' at position 1, found the end",
      })
  void brokenPatternsAreSyntaxErrorsSayingWhere(String pattern, String reason) {
    assertThatThrownBy(() -> StixPattern.parse(pattern == null ? "" : pattern))
        .isInstanceOf(StixPattern.SyntaxException.class)
        .hasMessage(reason);
  }

  @Test
  void aPatternListingTooManyValuesIsUnsupported() {
    StringBuilder pattern = new StringBuilder("[");
    for (int i = 0; i <= StixPattern.MAX_COMPARISONS; i++) {
      pattern.append(i == 0 ? "" : " OR ").append("ipv4-addr:value = '192.0.2.1'");
    }
    assertThatThrownBy(() -> StixPattern.parse(pattern + "]"))
        .isInstanceOf(StixPattern.UnsupportedException.class)
        .hasMessage("more than 100 comparisons");
  }
}
