package io.hsystem.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.support.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiled rule set (buckets, shared automata, candidate sets, lazy raw parsing) must find
 * exactly what a naive evaluation of every rule finds, on thousands of real Windows events: the
 * OTRF attack simulations, the EVTX samples and SigmaHQ's regression events, against all loadable
 * SigmaHQ rules.
 */
class SigmaRuleSetDifferentialTest {

  @Test
  void compiledRuleSetAgreesWithNaiveEvaluationOnRealEvents() throws IOException {
    SigmaLibrary library = new SigmaLoader().loadFolder(SharedData.require("sigma/rules"));
    SigmaRuleSet set = SigmaRuleSet.compile(library.rules());
    List<Event> events = new ArrayList<>();
    events.addAll(
        CanonicalEvents.windowsEvents(SharedData.require("events/otrf/windows"), ".json"));
    events.addAll(
        CanonicalEvents.windowsEvents(SharedData.require("events/mdecrevoisier"), ".jsonl"));
    events.addAll(
        CanonicalEvents.windowsEvents(SharedData.require("sigma/regression_data"), ".json"));

    List<String> disagreements = new ArrayList<>();
    long matches = 0;
    for (Event event : events) {
      List<SigmaRule> fast = set.matches(event);
      ReferenceEvaluator reference = new ReferenceEvaluator(event);
      List<SigmaRule> naive = library.rules().stream().filter(reference::matches).toList();
      if (!fast.equals(naive)) {
        disagreements.add(
            event.getString(EventField.EVENT_TYPE)
                + " "
                + event.getString(EventField.EVENT_CODE)
                + ": rule set "
                + fast
                + ", naive "
                + naive);
      }
      matches += naive.size();
    }
    System.out.printf(
        "differential: %d events, %d matches, %d disagreements%n",
        events.size(), matches, disagreements.size());
    disagreements.stream().limit(20).forEach(d -> System.out.println("  " + d));
    assertThat(events).hasSizeGreaterThan(3000);
    assertThat(matches).isGreaterThan(200);
    assertThat(disagreements).isEmpty();
  }
}
