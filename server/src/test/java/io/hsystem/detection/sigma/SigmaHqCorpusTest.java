package io.hsystem.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.support.SharedData;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Loads the whole SigmaHQ rule set (../shared/data/sigma/rules) and checks how much of it runs. */
class SigmaHqCorpusTest {

  @Test
  void loadsMostOfSigmaHq() throws Exception {
    Path folder = SharedData.require("sigma/rules");
    long t0 = System.nanoTime();
    SigmaLibrary library = new SigmaLoader().loadFolder(folder);
    long loadMs = (System.nanoTime() - t0) / 1_000_000;
    t0 = System.nanoTime();
    SigmaRuleSet set = SigmaRuleSet.compile(library.rules());
    long compileMs = (System.nanoTime() - t0) / 1_000_000;

    int total = library.rules().size() + library.unsupported().size();
    System.out.printf(
        "SigmaHQ: %d documents, %d loaded, %d unsupported; load %d ms, compile %d ms%n",
        total, library.rules().size(), library.unsupported().size(), loadMs, compileMs);
    Map<String, Long> reasons =
        library.unsupported().stream()
            .collect(Collectors.groupingBy(u -> reasonKind(u.reason()), Collectors.counting()));
    reasons.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(25)
        .forEach(e -> System.out.printf("  %5d  %s%n", e.getValue(), e.getKey()));
    library.unsupported().stream()
        .filter(u -> !u.reason().startsWith("logsource"))
        .sorted(Comparator.comparing(Unsupported::source))
        .forEach(u -> System.out.println("  - " + u.source() + ": " + u.reason()));
    long pcLoaded =
        library.rules().stream()
            .filter(r -> r.source().startsWith("windows/process_creation/"))
            .count();
    long pcRefused =
        library.unsupported().stream()
            .filter(u -> u.source().startsWith("windows/process_creation/"))
            .count();
    System.out.printf("windows/process_creation: %d loaded, %d unsupported%n", pcLoaded, pcRefused);
    assertThat(set.rules()).hasSize(library.rules().size());
  }

  /** A reason without the rule-specific parts, for counting. */
  private static String reasonKind(String reason) {
    return reason
        .replaceAll("search identifier '[^']*'(, field [^:]*)?", "search identifier …")
        .replaceAll("condition '[^']*'", "condition …");
  }
}
