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

class SysmonParserTest {

  private final RecordParser parser = Parsers.forSource(SourceType.SYSMON);

  @Test
  void noRecordsGiveNoEvents() {
    assertThat(Samples.parseOk(parser, "sysmon", "no.jsonl")).isEmpty();
  }

  @Test
  void processCreationMapsEveryField() {
    List<Event> events = Samples.parseOk(parser, "sysmon", "one.jsonl");

    assertThat(events).hasSize(1);
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2020-10-21T20:31:34.456Z"),
                "event_type", "process_start",
                "event_category", "process",
                "event_code", "1",
                "source_type", "sysmon",
                "host_name", "ws01.corp.local",
                "path", "C:\\Users\\bob\\Downloads\\mimikatz.exe",
                "process_name", "mimikatz.exe",
                "command_line",
                    "mimikatz.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" exit",
                "process_id", 6412L,
                "parent_path", "C:\\Windows\\System32\\cmd.exe",
                "parent_process_name", "cmd.exe",
                "parent_command_line", "\"C:\\Windows\\system32\\cmd.exe\" ",
                "user", "CORP\\bob",
                "hash_sha256", "9E1C2D3F4A5B6C7D8E9F0A1B2C3D4E5F60718293A4B5C6D7E8F9012345678901"));
  }

  @Test
  void flatAndNestedSysmonSecurityAndSystemEvents() {
    List<Event> events = Samples.parseOk(parser, "sysmon", "many.json");

    assertThat(events).hasSize(7);
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2020-10-21T20:31:35.120Z"),
                "event_type", "network_connection",
                "event_category", "network",
                "event_code", "3",
                "source_type", "sysmon",
                "host_name", "WS01",
                "path", "C:\\Users\\bob\\Downloads\\mimikatz.exe",
                "process_name", "mimikatz.exe",
                "process_id", 6412L,
                "user", "CORP\\bob",
                "src_ip", "10.0.0.21",
                "src_port", 49812L,
                "dst_ip", "198.51.100.7",
                "dst_port", 443L,
                "protocol", "tcp"));
    assertThat(fields(events.get(1)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2020-10-21T20:32:00.101Z"),
                "event_type", "login_attempt",
                "event_category", "authentication",
                "event_code", "4625",
                "source_type", "sysmon",
                "host_name", "DC01",
                "process_id", 0L,
                "user", "CORP\\administrator",
                "username", "administrator",
                "src_ip", "203.0.113.9",
                "src_port", 51234L,
                "message", "An account failed to log on."));
    assertThat(fields(events.get(2)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-11-27T07:40:10.132Z"),
                "event_type", "dns_query",
                "event_category", "dns",
                "event_code", "22",
                "source_type", "sysmon",
                "host_name", "ws02",
                "path", "C:\\Program Files\\Mozilla Firefox\\firefox.exe",
                "process_name", "firefox.exe",
                "process_id", 4460L,
                "user", "WS02\\alice",
                "dns_query", "evil.example.com"));
    assertThat(fields(events.get(3)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-11-27T07:00:00Z"),
                "event_type", "login_success",
                "event_category", "authentication",
                "event_code", "4624",
                "source_type", "sysmon",
                "host_name", "dc01.corp.local",
                "path", "C:\\Windows\\System32\\svchost.exe",
                "process_name", "svchost.exe",
                "process_id", 0x2ccL,
                "user", "CORP\\bob",
                "username", "bob",
                "src_ip", "10.0.0.21",
                "src_port", 0L));
    assertThat(fields(events.get(4)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2020-10-21T20:33:01.001Z"),
                "event_type", "registry_set",
                "event_category", "registry",
                "event_code", "13",
                "source_type", "sysmon",
                "host_name", "WS01",
                "path", "C:\\Windows\\regedit.exe",
                "process_name", "regedit.exe",
                "process_id", 6412L,
                "registry_key",
                    "HKU\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\updater"));
    assertThat(fields(events.get(5)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2020-10-21T20:34:00.500Z"),
                "event_type", "network_connection",
                "event_category", "network",
                "event_code", "5156",
                "source_type", "sysmon",
                "host_name", "WS01",
                "path", "\\device\\harddiskvolume2\\windows\\system32\\svchost.exe",
                "process_name", "svchost.exe",
                "process_id", 4584L,
                "src_ip", "10.0.0.21",
                "src_port", 61628L,
                "dst_ip", "239.255.255.250",
                "dst_port", 1900L,
                "protocol", "udp"));
    assertThat(fields(events.get(6)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2020-10-21T20:35:00Z"),
                "event_type", "service_install",
                "event_category", "system",
                "event_code", "7045",
                "source_type", "sysmon",
                "host_name", "WS01"));
  }

  @Test
  void malformedRecordsAreRejectedWithTheFieldNamed() {
    assertThat(Samples.reasons(parser, "sysmon", "malformed.jsonl"))
        .containsExactly(
            "EventID: missing",
            "EventID: not a number: 'one'",
            "UtcTime: not a timestamp: 'yesterday'",
            "UtcTime: missing (and no TimeCreated or @timestamp)",
            "SourcePort: not a number: 'http'",
            "Image: expected a string, got an object",
            "Event.EventData: expected an object, got an array",
            "UtcTime: missing (and no TimeCreated or @timestamp)",
            "record: empty object",
            "record: not a JSON object");
  }
}
