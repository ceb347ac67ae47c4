package io.hsystem.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import io.hsystem.support.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;

/**
 * SigmaHQ's regression data (../shared/data/sigma/regression_data): real Windows events, each with
 * the id of the rule it must trigger. Every event is turned into canonical events by the server's
 * own parser and normaliser, matched against the whole loaded SigmaHQ rule set, and the named rule
 * must be among the matches, for every event whose rule loaded.
 */
class SigmaHqRegressionTest {

  private static SigmaLibrary library;
  private static SigmaRuleSet ruleSet;

  @BeforeAll
  static void loadRules() throws IOException {
    library = new SigmaLoader().loadFolder(SharedData.require("sigma/rules"));
    ruleSet = SigmaRuleSet.compile(library.rules());
  }

  @Test
  void everyEventTriggersItsRuleWhenTheRuleLoaded() throws IOException {
    Path data = SharedData.require("sigma/regression_data");
    List<Path> infos;
    try (Stream<Path> walk = Files.walk(data)) {
      infos = walk.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
    }
    Map<String, List<String>> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int passed = 0;
    for (Path info : infos) {
      String folder = data.relativize(info.getParent()).toString();
      String ruleId = ruleId(info);
      String outcome;
      if (library.rule(ruleId).isEmpty()) {
        outcome = skipReason(ruleId);
      } else {
        outcome = check(info.getParent(), ruleId);
        if (outcome.equals("pass")) {
          passed++;
        } else {
          failures.add(folder + ": " + outcome);
        }
      }
      outcomes.computeIfAbsent(outcome, k -> new ArrayList<>()).add(folder);
    }
    System.out.printf("SigmaHQ regression data: %d event folders, %d pass%n", infos.size(), passed);
    outcomes.forEach(
        (outcome, folders) -> {
          System.out.printf("  %4d  %s%n", folders.size(), outcome);
          if (!outcome.equals("pass")) {
            folders.forEach(f -> System.out.println("          " + f));
          }
        });
    assertThat(failures).isEmpty();
    assertThat(passed).isGreaterThan(0);
  }

  private static String skipReason(String ruleId) {
    return library.unsupported().stream()
        .filter(u -> ruleId.equals(u.ruleId()))
        .findFirst()
        .map(u -> "skipped, rule unsupported: " + u.reason())
        .orElse("skipped, rule not in sigma/rules (emerging-threats or threat-hunting folder)");
  }

  /** "pass", or what went wrong. */
  private static String check(Path folder, String ruleId) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    if (files.isEmpty()) {
      return "no JSON event file";
    }
    List<String> seen = new ArrayList<>();
    for (Path file : files) {
      for (JsonNode record : CanonicalEvents.records(file)) {
        Event event;
        try {
          event = CanonicalEvents.event(SourceType.SYSMON, record);
        } catch (RecordRejected e) {
          return "parser rejected the event: " + e.reason();
        }
        List<SigmaRule> matches = ruleSet.matches(event);
        if (matches.stream().anyMatch(r -> ruleId.equals(r.id()))) {
          return "pass";
        }
        seen.add(event.getString(EventField.EVENT_TYPE) + " " + matches);
      }
    }
    return "rule did not match (" + String.join("; ", seen) + ")";
  }

  @SuppressWarnings("unchecked")
  private static String ruleId(Path info) throws IOException {
    Map<String, Object> yaml =
        new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(info));
    List<Map<String, Object>> meta = (List<Map<String, Object>>) yaml.get("rule_metadata");
    return String.valueOf(meta.get(0).get("id"));
  }
}
