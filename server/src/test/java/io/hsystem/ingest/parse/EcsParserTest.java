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

class EcsParserTest {

  private final RecordParser parser = Parsers.forSource(SourceType.ECS);

  @Test
  void noRecordsGiveNoEvents() {
    assertThat(Samples.parseOk(parser, "ecs", "no.jsonl")).isEmpty();
  }

  @Test
  void nestedRecordMapsEveryField() {
    List<Event> events = Samples.parseOk(parser, "ecs", "one.jsonl");

    assertThat(events).hasSize(1);
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:03.123Z"),
                "event_type", "process_start",
                "event_category", "process",
                "event_code", "1",
                "source_type", "ecs",
                "host_name", "ws01",
                "host_ip", "10.0.0.21",
                "sensor_id", "8a4f500d-2b0c-4c0f-9e0f-3a1b5c7d9e21",
                "path", "C:\\Users\\bob\\Downloads\\mimikatz.exe",
                "process_name", "mimikatz.exe",
                "command_line", "mimikatz.exe sekurlsa::logonpasswords",
                "process_id", 6412L,
                "parent_path", "C:\\Windows\\System32\\cmd.exe",
                "parent_process_name", "cmd.exe",
                "parent_command_line", "cmd.exe",
                "user", "bob",
                "hash_sha256", "9e1c2d3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9012345678901",
                "message", "Process Create"));
  }

  @Test
  void dottedAndMixedKeysAndDerivedTypes() {
    List<Event> events = Samples.parseOk(parser, "ecs", "many.jsonl");

    assertThat(events).hasSize(7);
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:03Z"),
                "event_type", "network_connection",
                "event_category", "network",
                "source_type", "ecs",
                "host_name", "ws01",
                "host_ip", "10.0.0.21",
                "path", "/usr/bin/curl",
                "process_name", "curl",
                "src_ip", "10.0.0.21",
                "src_port", 49812L,
                "dst_ip", "198.51.100.7",
                "dst_port", 443L,
                "protocol", "tcp"));
    assertThat(fields(events.get(1)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:26:00Z"),
                "event_type", "login_attempt",
                "event_category", "authentication",
                "event_code", "4625",
                "source_type", "ecs",
                "host_name", "dc01",
                "user", "administrator",
                "src_ip", "203.0.113.9"));
    assertThat(fields(events.get(2)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:27:00Z"),
                "event_type", "dns_query",
                "event_category", "dns",
                "event_code", "22",
                "source_type", "ecs",
                "path", "C:\\Program Files\\Mozilla Firefox\\firefox.exe",
                "process_name", "firefox.exe",
                "dns_query", "evil.example.com"));
    assertThat(fields(events.get(3)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:28:00Z"),
                "event_type", "http_request",
                "event_category", "network",
                "source_type", "ecs",
                "src_ip", "203.0.113.50",
                "http_method", "POST",
                "url", "/admin/login.php?user=admin",
                "user_agent", "sqlmap/1.7"));
    assertThat(fields(events.get(4)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:29:00Z"),
                "event_type", "file_create",
                "event_category", "file",
                "source_type", "ecs",
                "parent_process_name", "sshd",
                "file_path", "/tmp/.x/payload.sh"));
    assertThat(fields(events.get(5)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:29:00Z"),
                "event_type", "registry_set",
                "event_category", "registry",
                "source_type", "ecs",
                "registry_key", "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x"));
    assertThat(fields(events.get(6)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:30:00Z"),
                "event_type", "log",
                "event_category", "system",
                "source_type", "ecs",
                "message", "plain log line"));
  }

  @Test
  void malformedRecordsAreRejectedWithTheFieldNamed() {
    assertThat(Samples.reasons(parser, "ecs", "malformed.jsonl"))
        .containsExactly(
            "@timestamp: missing",
            "@timestamp: not a timestamp: '27/08/2025 14:25'",
            "source.port: not a number: 'ssh'",
            "process.pid: expected a number, got an object",
            "event.category: expected a string, got an object",
            "host.ip: expected a string, got an object",
            "record: empty object",
            "record: not a JSON object");
  }
}
