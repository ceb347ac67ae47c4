package io.hsystem.intel.internal.importer;

import static io.hsystem.intel.internal.importer.ImporterAssertions.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.intel.IntelSamples;
import io.hsystem.intel.IocType;
import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvImporterTest {

  private final CsvImporter importer = new CsvImporter(1000);

  @Test
  void columnsInAnyOrderWithQuotedFieldsGiveWholeIndicators() throws Exception {
    List<ImportRecord> records = importer.read(IntelSamples.text("csv/good.csv"));

    assertThat(lines(records))
        .containsExactly(
            "1 line 2: ip 198.51.100.23",
            "2 line 3: domain phish.example",
            "3 line 4: domain login.bank.example",
            "4 line 5: sha256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "5 line 7: cidr 203.0.113.0/24",
            "6 line 9: url http://evil.example/gate.php?id=1");
    assertThat(records.get(0).candidates().get(0))
        .isEqualTo(
            new Candidate(
                IocType.IP,
                "198.51.100.23",
                90,
                Severity.HIGH,
                List.of("emotet", "c2"),
                "Emotet C2, epoch 5",
                Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(records.get(1).candidates().get(0))
        .isEqualTo(
            new Candidate(
                IocType.DOMAIN,
                "phish.example",
                null,
                null,
                List.of("phishing"),
                "Credential phishing kit",
                null));
    Candidate bank = records.get(2).candidates().get(0);
    assertThat(bank.tags()).containsExactly("phishing", "banking");
    assertThat(bank.description()).isEqualTo("Look-alike of \"bank\" login");
    assertThat(bank.expiresAt()).isEqualTo(Instant.parse("2030-06-30T00:00:00Z"));
    Candidate dropper = records.get(3).candidates().get(0);
    assertThat(dropper.description()).isEqualTo("Dropper,\nseen in two incidents");
    assertThat(dropper.expiresAt()).isEqualTo(Instant.parse("2029-12-31T23:59:59Z"));
    assertThat(dropper.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void brokenRowsAreRejectedOneByOneAndTheRestKept() throws Exception {
    List<ImportRecord> records = importer.read(IntelSamples.text("csv/broken-rows.csv"));

    assertThat(lines(records))
        .containsExactly(
            "1 line 2: ip 192.0.2.10",
            "2 line 3: rejected: '192.0.2.11' is not a domain (numeric top-level label)",
            "3 line 4: rejected: confidence 'high' is not a whole number 0–100",
            "4 line 5: rejected: confidence '101' is not a whole number 0–100",
            "5 line 6: rejected: the row has 2 fields, the header 3",
            "6 line 7: rejected: the row has 4 fields, the header 3",
            "7 line 8: rejected: type 'hash' is not one of [ip, cidr, domain, url, sha256, sha1,"
                + " md5]",
            "8 line 9: rejected: text after the closing quote of field 1",
            "9 line 10: ip 192.0.2.18",
            "10 line 11: rejected: the quoted field 1 is never closed");
    assertThat(records.get(8).candidates().get(0).confidence()).isEqualTo(20);
  }

  @Test
  void anUnknownColumnFailsTheWholeImport() {
    assertThatThrownBy(() -> importer.read(IntelSamples.text("csv/unknown-column.csv")))
        .isInstanceOf(MalformedImportException.class)
        .hasMessage(
            "unknown column 'confidance' in the header; known: [value, type, confidence, tags,"
                + " expires_at, description, severity]");
  }

  @Test
  void aHeaderWithoutValueFailsTheWholeImport() {
    assertThatThrownBy(() -> importer.read(IntelSamples.text("csv/no-value-column.csv")))
        .isInstanceOf(MalformedImportException.class)
        .hasMessage("the header has no 'value' column");
    assertThatThrownBy(() -> importer.read("value,type,value\n1.2.3.4,ip,x\n"))
        .hasMessage("column 'value' appears twice");
    assertThatThrownBy(() -> importer.read("\n\n")).hasMessage("the CSV has no header row");
  }

  @Test
  void longDescriptionsAndTooManyTagsAreCutAndSaid() throws Exception {
    String tags =
        String.join(";", java.util.stream.IntStream.range(0, 40).mapToObj(i -> "t" + i).toList());
    String csv = "value,tags,description\nevil.example,\"" + tags + "\"," + "d".repeat(5000) + "\n";
    ImportRecord record = importer.read(csv).get(0);

    assertThat(record.kind()).isEqualTo(ImportRecord.Kind.PARSED);
    assertThat(record.candidates().get(0).tags()).hasSize(32);
    assertThat(record.candidates().get(0).description()).hasSize(4096);
    assertThat(record.detail())
        .isEqualTo(
            "8 tag(s) dropped (at most 32 of at most 128 characters); description cut to 4096"
                + " characters");
  }

  @Test
  void moreRowsThanTheLimitFailTheWholeImport() {
    assertThatThrownBy(() -> new CsvImporter(1).read("value\n192.0.2.1\n\n192.0.2.2\n"))
        .isInstanceOf(TooManyRecordsException.class);
  }

  @Test
  void badTimesAndSeveritiesAreExplained() throws Exception {
    List<ImportRecord> records =
        importer.read("value,expires_at,severity\nevil.example,soon,\nevil.example,,urgent\n");
    assertThat(lines(records))
        .containsExactly(
            "1 line 2: rejected: expires_at 'soon' is not a time like 2025-12-31 23:59:59 (UTC),"
                + " 2025-12-31T23:59:59Z or 2025-12-31",
            "2 line 3: rejected: severity 'urgent' is not one of [info, low, medium, high,"
                + " critical]");
  }
}
