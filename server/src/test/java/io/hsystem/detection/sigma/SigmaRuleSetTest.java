package io.hsystem.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.protocol.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Rule set behaviour that does not depend on one rule's semantics. */
class SigmaRuleSetTest {

  private static final List<SigmaRule> RULES =
      List.of(
          Rules.processCreation("s:\n  CommandLine|contains: 'mimikatz'\ncondition: s"),
          Rules.load(
              """
              title: second
              id: 00000000-0000-4000-8000-000000000002
              logsource: {product: windows, category: process_creation}
              detection:
                s:
                  Image|endswith: '\\cmd.exe'
                  OriginalFileName|contains: 'cmd'
                condition: s
              """));

  private static final List<Event> EVENTS =
      List.of(
          Rules.process(
              "Image", "C:\\w\\cmd.exe", "CommandLine", "mimikatz", "OriginalFileName", "Cmd.Exe"),
          Rules.process(
              "Image", "C:\\w\\cmd.exe", "CommandLine", "dir", "OriginalFileName", "Cmd.Exe"),
          Rules.process("Image", "C:\\w\\calc.exe", "CommandLine", "calc"),
          Rules.sysmon(3, "Image", "C:\\w\\cmd.exe", "CommandLine", "mimikatz"));

  @Test
  void matchesAreReportedInRuleOrder() {
    SigmaRuleSet set = SigmaRuleSet.compile(RULES);
    assertThat(set.matches(EVENTS.get(0))).containsExactly(RULES.get(0), RULES.get(1));
    assertThat(set.matches(EVENTS.get(1))).containsExactly(RULES.get(1));
    assertThat(set.matches(EVENTS.get(2))).isEmpty();
    assertThat(set.matches(EVENTS.get(3))).isEmpty();
  }

  @Test
  void anEmptyRuleSetMatchesNothing() {
    assertThat(SigmaRuleSet.compile(List.of()).matches(EVENTS.get(0))).isEmpty();
  }

  @Test
  void oneRuleSetServesManyThreadsAtOnce() throws Exception {
    SigmaRuleSet set = SigmaRuleSet.compile(RULES);
    List<List<SigmaRule>> expected = EVENTS.stream().map(set::matches).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 2_000; round++) {
                    for (int i = 0; i < EVENTS.size(); i++) {
                      if (!set.matches(EVENTS.get(i)).equals(expected.get(i))) {
                        return false;
                      }
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
