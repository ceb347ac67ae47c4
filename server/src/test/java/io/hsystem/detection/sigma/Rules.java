package io.hsystem.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.SourceType;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small rules and events for the unit tests. */
final class Rules {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Rules() {}

  /** A Windows process_creation rule with this detection section (YAML, unindented). */
  static SigmaRule processCreation(String detection) {
    return load(
        """
        title: test rule
        id: 00000000-0000-4000-8000-000000000001
        logsource:
          product: windows
          category: process_creation
        detection:
        """
            + indent(detection));
  }

  /** The one rule of a YAML text; fails the test with the loader's reason if it is refused. */
  static SigmaRule load(String yaml) {
    SigmaLibrary library = new SigmaLoader().load("test.yml", yaml);
    assertThat(library.unsupported()).as("refused").isEmpty();
    assertThat(library.rules()).hasSize(1);
    return library.rules().get(0);
  }

  /** Why the loader refuses a Windows process_creation rule with this detection section. */
  static String refusal(String detection) {
    return refusalOf(
        """
        title: test rule
        logsource:
          product: windows
          category: process_creation
        detection:
        """
            + indent(detection));
  }

  /** Why the loader refuses a document. */
  static String refusalOf(String yaml) {
    SigmaLibrary library = new SigmaLoader().load("test.yml", yaml);
    assertThat(library.rules()).as("loaded").isEmpty();
    assertThat(library.unsupported()).hasSize(1);
    return library.unsupported().get(0).reason();
  }

  /**
   * Whether the rule matches the event, through a compiled rule set; the naive reference evaluation
   * must agree.
   */
  static boolean matches(SigmaRule rule, Event event) {
    boolean compiled = SigmaRuleSet.compile(List.of(rule)).matches(event).contains(rule);
    assertThat(new ReferenceEvaluator(event).matches(rule))
        .as("reference evaluation agrees")
        .isEqualTo(compiled);
    return compiled;
  }

  /**
   * A flat Sysmon record (EventID, channel, time, host plus the given field/value pairs) through
   * the server's parser and normaliser.
   */
  static Event sysmon(int eventId, String... fieldsAndValues) {
    return windows("Microsoft-Windows-Sysmon/Operational", eventId, fieldsAndValues);
  }

  /** A flat Windows event log record of a channel, through the server's parser and normaliser. */
  static Event windows(String channel, int eventId, String... fieldsAndValues) {
    ObjectNode record = JSON.createObjectNode();
    record.put("EventID", eventId);
    record.put("Channel", channel);
    record.put("UtcTime", "2025-06-01 10:00:00.000");
    record.put("Computer", "WS01");
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      record.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return parse(SourceType.SYSMON, record);
  }

  /** A process creation (Sysmon 1) with these fields. */
  static Event process(String... fieldsAndValues) {
    return sysmon(1, fieldsAndValues);
  }

  static Event parse(SourceType source, ObjectNode record) {
    try {
      return CanonicalEvents.event(source, record);
    } catch (RecordRejected e) {
      throw new AssertionError("the parser refused the test record: " + e.reason());
    }
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static String indent(String block) {
    return block.strip().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
  }
}
