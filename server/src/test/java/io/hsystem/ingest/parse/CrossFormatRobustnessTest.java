package io.hsystem.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.ingest.internal.parse.Parsers;
import io.hsystem.ingest.internal.parse.RecordParser;
import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.ingest.internal.parse.SyslogParser;
import io.hsystem.protocol.SourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Any record fed to any parser yields an event or a rejection, never another exception. */
class CrossFormatRobustnessTest {

  private static final List<String> ODD =
      List.of(
          "null",
          "0",
          "{\"EventID\":99999999999999999999999,\"UtcTime\":\"2020-01-01 00:00:00\"}",
          "{\"event_time\":1e300,\"event_type\":\"x\"}",
          "{\"event_time\":\"2025-08-27T14:25:03+99:00\",\"event_type\":\"x\"}",
          "{\"@timestamp\":\"2025-08-27T14:25:03Z\",\"a\":{\"b\":{\"c\":1}},\"process.parent\":5}",
          "{\"Event\":{\"System\":\"x\"}}",
          "{\"Event\":{\"System\":{\"EventID\":{\"#attributes\":{}}}}}",
          "{\"timestamp\":\"" + "9".repeat(5000) + "\",\"eventid\":\"cowrie.x\"}",
          "{\"logtype\":1001,\"local_time\":\"2025-08-27 14:25:03\",\"logdata\":{\"msg\":[1,2]}}");

  @Test
  void everySampleThroughEveryParserOnlyEverRejects() throws IOException {
    List<String> records = new ArrayList<>(ODD);
    try (Stream<Path> files =
        Files.walk(Samples.resource("native", "one.jsonl").getParent().getParent())) {
      for (Path file :
          files
              .filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".json"))
              .toList()) {
        for (Samples.Raw raw : Samples.records(file)) {
          records.add(raw.text());
        }
      }
    }
    int outcomes = 0;
    for (SourceType type : SourceType.values()) {
      if (type == SourceType.SYSLOG) {
        continue;
      }
      RecordParser parser = Parsers.forSource(type);
      for (String record : records) {
        try {
          assertThat(parser.parse(Samples.MAPPER.readTree(record), record)).isNotNull();
        } catch (RecordRejected e) {
          assertThat(e.reason()).isNotBlank().doesNotContain("Exception");
        }
        outcomes++;
      }
    }
    assertThat(outcomes).isEqualTo(records.size() * (SourceType.values().length - 1));
  }

  @Test
  void oddSyslogLinesOnlyEverReject() {
    SyslogParser parser = new SyslogParser();
    List<String> lines =
        List.of(
            "<",
            "<1>",
            "<13>1 ",
            "<13>1 2025-08-27T14:25:03Z",
            "<13>Aug 27 14:25:0",
            "<13>Aug 32 14:25:03 h t: m",
            "<13>Aug 27 14:25:03",
            "<13>Aug 27 14:25:03 host",
            "<13>Aug 27 14:25:03 host sshd[1]: Failed password for  from",
            "<13>1 2025-08-27T14:25:03Z h a p m [x a=\"\\\"]\"] " + "y".repeat(100_000),
            "<13>Aug 27 14:25:03 h sshd[1]: Failed password for " + "a".repeat(100_000));
    for (String line : lines) {
      try {
        assertThat(parser.parse(line, Instant.parse("2025-08-27T15:00:00Z"), null)).isNotNull();
      } catch (RecordRejected e) {
        assertThat(e.reason()).isNotBlank();
      }
    }
  }
}
