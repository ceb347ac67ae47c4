package io.hsystem.ingest.parse;

import static io.hsystem.ingest.parse.Samples.expected;
import static io.hsystem.ingest.parse.Samples.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.ingest.internal.parse.Parsers;
import io.hsystem.ingest.internal.parse.RecordParser;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.SourceType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenCanaryParserTest {

  private final RecordParser parser = Parsers.forSource(SourceType.OPENCANARY);

  @Test
  void noRecordsGiveNoEvents() {
    assertThat(Samples.parseOk(parser, "opencanary", "no.jsonl")).isEmpty();
  }

  @Test
  void theDocumentedFtpLoginExample() {
    List<Event> events = Samples.parseOk(parser, "opencanary", "one.jsonl");

    assertThat(events).hasSize(1);
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2015-07-20T13:38:21.281259Z"),
                "event_type", "login_attempt",
                "event_category", "honeypot",
                "event_code", "2000",
                "source_type", "opencanary",
                "sensor_id", "opencanary-0",
                "service", "ftp",
                "src_ip", "127.0.0.1",
                "src_port", 49635L,
                "dst_ip", "127.0.0.1",
                "dst_port", 21L,
                "username", "admin",
                "password", "default"));
  }

  @Test
  void startupHttpSshPortScanRedisAndCustomEvents() {
    List<Event> events = Samples.parseOk(parser, "opencanary", "many.jsonl");

    assertThat(events).hasSize(6);
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:00:00.000001Z"),
                "event_type", "startup",
                "event_category", "system",
                "event_code", "1001",
                "source_type", "opencanary",
                "sensor_id", "opencanary-1",
                "service", "opencanary",
                "message",
                    "{\"logdata\":\"Added service from class CanaryFTP in opencanary.modules.ftp"
                        + " to fake\"}"));
    assertThat(fields(events.get(1)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:03.5Z"),
                "event_type", "login_attempt",
                "event_category", "honeypot",
                "event_code", "3001",
                "source_type", "opencanary",
                "sensor_id", "opencanary-1",
                "service", "http",
                "src_ip", "203.0.113.9",
                "src_port", 40200L,
                "dst_ip", "10.0.0.6",
                "dst_port", 80L,
                "username", "admin",
                "password", "hunter2",
                "http_method", "POST",
                "url", "/index.html",
                "user_agent", "Mozilla/5.0 (X11; Linux x86_64)"));
    assertThat(fields(events.get(2)))
        .containsAllEntriesOf(
            expected(
                "event_type", "login_attempt",
                "service", "ssh",
                "username", "root",
                "password", "toor",
                "user_agent", "SSH-2.0-Go"));
    assertThat(fields(events.get(3)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:05Z"),
                "event_type", "port_scan",
                "event_category", "honeypot",
                "event_code", "5001",
                "source_type", "opencanary",
                "sensor_id", "opencanary-1",
                "service", "portscan",
                "src_ip", "203.0.113.50",
                "src_port", 60001L,
                "dst_ip", "10.0.0.6",
                "dst_port", 3306L,
                "protocol", "TCP"));
    assertThat(fields(events.get(4)))
        .containsAllEntriesOf(
            expected(
                "event_type", "command",
                "event_code", "17001",
                "service", "redis",
                "command_line", "CONFIG dir /var/spool/cron"));
    assertThat(fields(events.get(5)))
        .containsAllEntriesOf(
            expected("event_type", "honeypot_event", "event_category", "honeypot"))
        .doesNotContainKey("service");
  }

  @Test
  void malformedRecordsAreRejectedWithTheFieldNamed() {
    assertThat(Samples.reasons(parser, "opencanary", "malformed.jsonl"))
        .containsExactly(
            "logtype: missing",
            "logtype: not a number: 'ftp'",
            "local_time: missing",
            "local_time: not a timestamp: '20/07/2015 13:38'",
            "src_port: not a number: 'high'",
            "logdata: expected an object, got an array",
            "logdata.USERNAME: expected a string, got an object",
            "record: empty object");
  }
}
