package io.hsystem.ingest.parse;

import static io.hsystem.ingest.parse.Samples.expected;
import static io.hsystem.ingest.parse.Samples.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.ingest.internal.parse.SyslogParser;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogParserTest {

  private static final Instant RECEIVED = Instant.parse("2025-08-27T15:00:00Z");
  private static final String PEER = "192.0.2.1";

  private final SyslogParser parser = new SyslogParser();

  @Test
  void noLinesGiveNoEvents() throws Exception {
    assertThat(parseOk("no.log")).isEmpty();
  }

  @Test
  void failedSshPasswordIsALoginAttempt() throws Exception {
    List<Event> events = parseOk("one.log");

    assertThat(events).hasSize(1);
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:03Z"),
                "event_type", "login_attempt",
                "event_category", "authentication",
                "source_type", "syslog",
                "host_name", "web-01",
                "host_ip", PEER,
                "service", "sshd",
                "process_id", 4242L,
                "username", "admin",
                "src_ip", "203.0.113.9",
                "src_port", 51234L,
                "message",
                    "Failed password for invalid user admin from 203.0.113.9 port 51234 ssh2"));
  }

  @Test
  void rfc3164AndRfc5424Lines() throws Exception {
    List<Event> events = parseOk("many.log");

    assertThat(events).hasSize(6);
    assertThat(fields(events.get(0)))
        .containsAllEntriesOf(
            expected(
                "event_type", "login_success",
                "event_category", "authentication",
                "username", "deploy",
                "src_ip", "198.51.100.20",
                "src_port", 40022L));
    assertThat(fields(events.get(1)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T06:25:03.123Z"),
                "event_type", "syslog",
                "event_category", "system",
                "source_type", "syslog",
                "host_name", "fw-01",
                "host_ip", PEER,
                "service", "kernel",
                "message", "IN=eth0 OUT= SRC=203.0.113.9 DST=10.0.0.5 PROTO=TCP DPT=23"));
    assertThat(fields(events.get(2)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T06:25:04Z"),
                "event_type", "syslog",
                "event_category", "system",
                "source_type", "syslog",
                "host_ip", "10.0.0.9",
                "service", "app",
                "process_id", 42L,
                "message", "plain message"));
    assertThat(fields(events.get(3)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-01-02T03:04:05Z"),
                "event_type", "syslog",
                "event_category", "system",
                "source_type", "syslog",
                "host_name", "cron-host",
                "host_ip", PEER,
                "service", "CRON",
                "process_id", 777L,
                "message", "(root) CMD (run-parts /etc/cron.hourly)"));
    assertThat(fields(events.get(4)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:10Z"),
                "event_type", "login_attempt",
                "event_category", "authentication",
                "source_type", "syslog",
                "host_ip", PEER,
                "service", "sshd",
                "process_id", 99L,
                "username", "git",
                "src_ip", "2001:db8::7",
                "src_port", 4000L,
                "message",
                    "Failed publickey for git from 2001:db8::7 port 4000 ssh2: RSA SHA256:abc"));
    assertThat(fields(events.get(5)))
        .containsAllEntriesOf(
            expected(
                "event_type", "login_success",
                "host_name", "host-x",
                "username", "ops",
                "src_ip", "192.0.2.44",
                "src_port", 50000L));
  }

  @Test
  void aDecemberLineReceivedInJanuaryIsFromTheYearBefore() throws Exception {
    Event e =
        parser.parse("<13>Dec 31 23:59:58 h app: m\n", Instant.parse("2026-01-01T00:00:03Z"), null);

    assertThat(e.getTime(EventField.EVENT_TIME)).isEqualTo(Instant.parse("2025-12-31T23:59:58Z"));
    assertThat(e.getString(EventField.RAW)).isEqualTo("<13>Dec 31 23:59:58 h app: m");
    assertThat(e.has(EventField.HOST_IP)).isFalse();
  }

  @Test
  void malformedLinesAreRejectedWithTheFieldNamed() throws Exception {
    List<String> reasons = new ArrayList<>();
    for (String line : lines("malformed.log")) {
      try {
        parser.parse(line, RECEIVED, PEER);
        throw new AssertionError("accepted: " + line);
      } catch (RecordRejected e) {
        reasons.add(e.reason());
      }
    }
    assertThat(reasons)
        .containsExactly(
            "pri: missing, a syslog line starts with <PRI>",
            "pri: not a priority 0-191: '999'",
            "timestamp: missing",
            "timestamp: not an RFC 3164 timestamp: 'Foo 27 14:25:03'",
            "timestamp: not a valid date or time: '2025-13-45T99:00:00Z'",
            "structured data: unterminated element",
            "line: empty");
  }

  private List<Event> parseOk(String file) throws Exception {
    List<Event> events = new ArrayList<>();
    for (String line : lines(file)) {
      Event e = parser.parse(line, RECEIVED, PEER);
      assertThat(e.getString(EventField.RAW)).isEqualTo(line);
      events.add(e);
    }
    return events;
  }

  private static List<String> lines(String file) throws IOException {
    return Files.readAllLines(Samples.resource("syslog", file), StandardCharsets.UTF_8);
  }
}
