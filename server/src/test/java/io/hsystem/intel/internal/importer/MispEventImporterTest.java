package io.hsystem.intel.internal.importer;

import static io.hsystem.intel.internal.importer.ImporterAssertions.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.intel.IntelSamples;
import io.hsystem.intel.IocType;
import io.hsystem.shared.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class MispEventImporterTest {

  private final MispEventImporter importer = new MispEventImporter(1000);

  @Test
  void attributesOfTheEventAndOfItsObjectsAreRecords() throws Exception {
    List<ImportRecord> records = importer.read(IntelSamples.text("misp/event.json"));

    assertThat(lines(records))
        .containsExactly(
            "1 Event.Attribute[0]: ip 198.51.100.23",
            "2 Event.Attribute[1]: domain cdn.qbot.example, ip 203.0.113.9",
            "3 Event.Attribute[2]: ip 2001:db8::bad",
            "4 Event.Attribute[3]: url https://cdn.qbot.example/invoice.zip",
            "5 Event.Attribute[4]: skipped: to_ids is false: the attribute is not meant for"
                + " detection",
            "6 Event.Attribute[5]: rejected: attribute type 'mutex' is not supported; supported:"
                + " [ip-src, ip-dst, ip-src|port, ip-dst|port, domain, hostname, hostname|port,"
                + " domain|ip, url, md5, sha1, sha256, filename|md5, filename|sha1,"
                + " filename|sha256]",
            "7 Event.Attribute[6]: rejected: sha256: a sha256 hash has 64 hex digits,"
                + " 'ba7816bf8f01cfea414140de5dae2223' has 32",
            "8 Event.Attribute[7]: skipped: the attribute is deleted",
            "9 Event.Object[0].Attribute[0]: sha256"
                + " e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "10 Event.Object[0].Attribute[1]: md5 d41d8cd98f00b204e9800998ecf8427e",
            "11 Event.Object[0].Attribute[2]: skipped: to_ids is false: the attribute is not meant"
                + " for detection",
            "12 Event.Object[1].Attribute[0]: domain cdn.qbot.example",
            "13 Event.Object[1].Attribute[1]: rejected: to_ids: expected true or false, got"
                + " 'yes'");
    assertThat(records.get(0).candidates().get(0))
        .isEqualTo(
            new Candidate(
                IocType.IP,
                "198.51.100.23",
                null,
                Severity.HIGH,
                List.of("tlp:white", "misp-galaxy:malpedia=\"QakBot\"", "c2"),
                "OSINT - Qakbot distribution campaign — C2",
                null));
    assertThat(records.get(1).candidates().get(1).description())
        .isEqualTo("OSINT - Qakbot distribution campaign");
  }

  @Test
  void brokenJsonFailsTheWholeImportSayingWhere() {
    assertThatThrownBy(() -> importer.read(IntelSamples.text("misp/truncated.json")))
        .isInstanceOf(MalformedImportException.class)
        .hasMessageStartingWith("not valid JSON (line 2, column 1): ");
  }

  @Test
  void somethingElseThanAnEventFailsTheWholeImport() {
    assertThatThrownBy(() -> importer.read(IntelSamples.text("misp/not-an-event.json")))
        .isInstanceOf(MalformedImportException.class)
        .hasMessage("not a MISP event: expected a JSON object with an \"Event\" object");
    assertThatThrownBy(() -> importer.read("{\"Event\": {\"threat_level_id\": \"9\"}}"))
        .hasMessage("Event.threat_level_id: expected 1–4, got '9'");
    assertThatThrownBy(() -> importer.read("{\"Event\": {\"Attribute\": {}}}"))
        .hasMessage("Event.Attribute: expected an array, got an object");
  }

  @Test
  void wrongTypesInAnAttributeRejectItAlone() throws Exception {
    String event =
        """
        {"Event": {"Attribute": [
          {"type": "ip-dst", "value": 3232235777, "to_ids": true},
          {"type": "domain|ip", "value": "no-separator.example", "to_ids": true},
          {"type": "domain|ip", "value": "ok.example|192.0.2.300", "to_ids": true},
          {"type": "ip-dst", "value": "192.0.2.5", "to_ids": true, "Tag": "tlp:red"},
          {"value": "192.0.2.6"},
          {"type": "hostname", "value": "fine.example"}
        ]}}
        """;
    assertThat(lines(importer.read(event)))
        .containsExactly(
            "1 Event.Attribute[0]: rejected: value: expected a string, got the number 3232235777",
            "2 Event.Attribute[1]: rejected: domain|ip: 'no-separator.example' is not a composite"
                + " value 'a|b'",
            "3 Event.Attribute[2]: rejected: domain|ip: '192.0.2.300' is not an IPv4 or IPv6"
                + " address",
            "4 Event.Attribute[3]: rejected: Tag: expected an array, got 'tlp:red'",
            "5 Event.Attribute[4]: rejected: type is missing",
            "6 Event.Attribute[5]: domain fine.example");
  }

  @Test
  void moreAttributesThanTheLimitFailTheWholeImport() {
    String event =
        "{\"Event\": {\"Attribute\": [{\"type\": \"domain\", \"value\": \"a.example\"}],"
            + " \"Object\": [{\"Attribute\": [{\"type\": \"domain\", \"value\": \"b.example\"}]}]}}";
    assertThatThrownBy(() -> new MispEventImporter(1).read(event))
        .isInstanceOf(TooManyRecordsException.class);
  }
}
