package io.hsystem.intel.internal.importer;

import static io.hsystem.intel.internal.importer.ImporterAssertions.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.intel.IntelSamples;
import io.hsystem.intel.IocType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StixBundleImporterTest {

  private final StixBundleImporter importer = new StixBundleImporter(1000);

  @Test
  void indicatorsBecomeIndicatorsAndOtherObjectsAreContext() throws Exception {
    List<ImportRecord> records = importer.read(IntelSamples.text("stix/bundle.json"));

    assertThat(lines(records))
        .containsExactly(
            "1 objects[2]: ip 198.51.100.23, cidr 203.0.113.0/24",
            "2 objects[3]: sha256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad,"
                + " md5 900150983cd24fb0d6963f7d28e17f72,"
                + " sha1 a9993e364706816aba3e25717850c26c9cd0d89d",
            "3 objects[4]: domain login.bank.example,"
                + " url https://login.bank.example/verify?acct=1",
            "4 objects[5]: ip 2001:db8::7");
    Candidate c2 = records.get(0).candidates().get(0);
    assertThat(c2)
        .isEqualTo(
            new Candidate(
                IocType.IP,
                "198.51.100.23",
                85,
                null,
                List.of("emotet", "c2"),
                "Emotet C2 — Command and control server of the epoch 5 botnet",
                Instant.parse("2030-01-01T00:00:00Z")));
    Candidate dropper = records.get(1).candidates().get(0);
    assertThat(dropper.confidence()).isNull();
    assertThat(dropper.tags()).isEmpty();
    assertThat(dropper.description()).isEqualTo("Dropper");
    assertThat(records.get(2).candidates().get(0).description()).isEqualTo("Phishing landing page");
  }

  @Test
  void unsupportedAndInvalidIndicatorsAreReportedNotGuessed() throws Exception {
    List<ImportRecord> records = importer.read(IntelSamples.text("stix/unsupported.json"));

    assertThat(lines(records))
        .containsExactly(
            "1 objects[0]: ip 192.0.2.10",
            "2 objects[1]: rejected: unsupported pattern: AND inside an observation is not"
                + " supported (only OR of '=' comparisons)",
            "3 objects[2]: rejected: unsupported pattern: the operator LIKE is not supported"
                + " (only =)",
            "4 objects[3]: rejected: unsupported pattern: FOLLOWEDBY between observations is not"
                + " supported (only OR)",
            "5 objects[4]: rejected: unsupported pattern: the qualifier REPEATS is not supported",
            "6 objects[5]: rejected: pattern_type 'yara' is not supported (only stix)",
            "7 objects[6]: rejected: unsupported pattern: the hash algorithm 'SHA-512' is not"
                + " supported (MD5, SHA-1, SHA-256)",
            "8 objects[7]: rejected: ipv4-addr:value: '192.0.2.300' is not an IPv4 or IPv6"
                + " address",
            "9 objects[8]: rejected: invalid pattern: expected ']' at position 32, found the end",
            "10 objects[9]: rejected: confidence: expected an integer 0–100, got 'high'",
            "11 objects[10]: skipped: the indicator is revoked",
            "12 objects[11]: rejected: ipv6-addr:value '192.0.2.19' is not an IPv6 value",
            "13 objects[12]: rejected: valid_until: 'next year' is not a timestamp like"
                + " 2025-12-31T00:00:00Z",
            "14 objects[13]: rejected: expected an object, got 'not an object'");
  }

  @Test
  void brokenJsonFailsTheWholeImportSayingWhere() {
    assertThatThrownBy(() -> importer.read(IntelSamples.text("stix/truncated.json")))
        .isInstanceOf(MalformedImportException.class)
        .hasMessageStartingWith("not valid JSON (line 8, column 1): ");
  }

  @Test
  void somethingElseThanABundleFailsTheWholeImport() {
    assertThatThrownBy(() -> importer.read(IntelSamples.text("stix/not-a-bundle.json")))
        .isInstanceOf(MalformedImportException.class)
        .hasMessage("not a STIX bundle: expected a JSON object with \"type\": \"bundle\"");
    assertThatThrownBy(() -> importer.read("[]"))
        .hasMessage("not a STIX bundle: expected a JSON object with \"type\": \"bundle\"");
    assertThatThrownBy(() -> importer.read("{\"type\": \"bundle\", \"objects\": {}}"))
        .hasMessage("objects: expected an array, got an object");
  }

  @Test
  void moreIndicatorsThanTheLimitFailTheWholeImport() {
    String indicator =
        "{\"type\": \"indicator\", \"pattern\": \"[ipv4-addr:value = '192.0.2.1']\"}";
    String bundle = "{\"type\": \"bundle\", \"objects\": [" + indicator + ", " + indicator + "]}";
    assertThatThrownBy(() -> new StixBundleImporter(1).read(bundle))
        .isInstanceOf(TooManyRecordsException.class);
  }
}
