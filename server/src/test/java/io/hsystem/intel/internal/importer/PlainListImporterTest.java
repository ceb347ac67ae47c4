package io.hsystem.intel.internal.importer;

import static io.hsystem.intel.internal.importer.ImporterAssertions.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.intel.IntelSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainListImporterTest {

  private final PlainListImporter importer = new PlainListImporter(1000);

  @Test
  void everyLineIsOneValueOfTheTypeItsFormShows() throws Exception {
    List<ImportRecord> records = importer.read(IntelSamples.text("list/good.txt"));

    assertThat(lines(records))
        .containsExactly(
            "1 line 4: ip 198.51.100.23",
            "2 line 5: cidr 203.0.113.0/24",
            "3 line 6: ip 2001:db8::7",
            "4 line 7: domain evil.example",
            "5 line 8: url http://download.evil.example/payload.bin",
            "6 line 9: sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "7 line 10: md5 d41d8cd98f00b204e9800998ecf8427e",
            "8 line 11: sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "9 line 12: domain xn--bcher-kva.example",
            "10 line 13: domain xn--bcher-kva.test",
            "11 line 14: domain badguy.example",
            "12 line 15: ip 192.0.2.77");
    assertThat(records.get(0).candidates().get(0).confidence()).isNull();
  }

  @Test
  void badLinesAreRejectedWithTheirReasonAndGoodOnesKept() throws Exception {
    List<ImportRecord> records = importer.read(IntelSamples.text("list/broken.txt"));

    assertThat(lines(records))
        .containsExactly(
            "1 line 2: ip 192.0.2.10",
            "2 line 3: domain phish.example",
            "3 line 4: rejected: '256.1.1.1' is not an IPv4 or IPv6 address",
            "4 line 5: rejected: '10.1.2.3/8' has host bits set; did you mean 10.0.0.0/8?",
            "5 line 6: rejected: '127.0.0.1' is a loopback address",
            "6 line 7: rejected: '*.wildcard.example': wildcards are not supported; a domain"
                + " indicator matches its subdomains",
            "7 line 8: rejected: 'd41d8cd98f00b204e9800998ecf842' looks like a hash but has 30"
                + " hex digits (MD5 has 32, SHA-1 40, SHA-256 64)",
            "8 line 9: rejected: one value per line, found 'not a value'",
            "9 line 10: rejected: 'localhost' is not an IP address, network, domain, URL or"
                + " MD5/SHA-1/SHA-256 hash",
            "10 line 11: rejected: 'ftp//missing-colon.example/x' needs a scheme such as http://");
  }

  @Test
  void anEmptyListHasNoRecords() throws Exception {
    assertThat(importer.read("# nothing yet\n\n   \n")).isEmpty();
  }

  @Test
  void moreRecordsThanTheLimitFailTheWholeImport() {
    String text = "192.0.2.1\n192.0.2.2\n# comment lines do not count\n192.0.2.3\n";
    assertThatThrownBy(() -> new PlainListImporter(2).read(text))
        .isInstanceOf(TooManyRecordsException.class)
        .hasMessage("an import holds at most 2 records");
  }

  @Test
  void overlongLinesAreRejected() throws Exception {
    String line = "a".repeat(PlainListImporter.MAX_LINE) + ".example";
    assertThat(lines(importer.read(line)))
        .containsExactly("1 line 1: rejected: the line is longer than 4096 characters");
  }
}
