package io.hsystem.bench;

import io.hsystem.detection.sigma.SigmaLibrary;
import io.hsystem.detection.sigma.SigmaLoader;
import io.hsystem.detection.sigma.SigmaRule;
import io.hsystem.detection.sigma.SigmaRuleSet;
import io.hsystem.protocol.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sigma matching throughput on one thread: loads and compiles the SigmaHQ rules, turns {@code
 * --events} generated Sysmon process-creation and network records into canonical events with the
 * server's own parser and normaliser (as {@link HuntingBenchmark} does), then matches every event
 * against all loadable rules, against one rule, and against none. Each configuration gets a warm-up
 * pass over a fifth of the events and {@code --passes} timed passes over all of them; the best pass
 * is reported (the machine is shared, the best is the least disturbed).
 *
 * <p>Options: {@code --events 500000 --passes 3 --rules ../shared/data/sigma/rules --one-rule
 * a642964e-bead-4bed-8910-1bb4d63e3b4d}.
 */
public final class SigmaBenchmark {

  /** "HackTool - Mimikatz Execution", a typical process_creation rule. */
  private static final String DEFAULT_ONE_RULE = "a642964e-bead-4bed-8910-1bb4d63e3b4d";

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int count = args.integer("events", 500_000);
    int passes = args.integer("passes", 3);
    Path rulesDir = Path.of(args.string("rules", "../shared/data/sigma/rules"));
    String oneRuleId = args.string("one-rule", DEFAULT_ONE_RULE);

    System.out.printf(
        "Run %sZ on %s; load average before: %s.%n",
        Instant.now().toString().substring(0, 19), Machine.describe(Path.of(".")), Machine.load());

    long t0 = System.nanoTime();
    SigmaLibrary library = new SigmaLoader().loadFolder(rulesDir);
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "Loaded %,d rules (%,d documents refused) from %s in %.1f s.%n",
        library.rules().size(), library.unsupported().size(), rulesDir, loadSeconds);

    long heapBefore = usedHeap();
    t0 = System.nanoTime();
    SigmaRuleSet all = SigmaRuleSet.compile(library.rules());
    double compileSeconds = (System.nanoTime() - t0) / 1e9;
    long heapAfter = usedHeap();
    System.out.printf(
        "Compiled all %,d rules in %.2f s; the rule set holds about %,d MiB of heap.%n",
        all.rules().size(), compileSeconds, Math.max(0, heapAfter - heapBefore) >> 20);

    SigmaRule one =
        library
            .rule(oneRuleId)
            .orElseThrow(() -> new IllegalArgumentException("no loaded rule " + oneRuleId));
    SigmaRuleSet single = SigmaRuleSet.compile(List.of(one));
    SigmaRuleSet none = SigmaRuleSet.compile(List.of());

    t0 = System.nanoTime();
    Instant now = Instant.now();
    EventGenerator generator = new EventGenerator(7, now, 3);
    Canonical canonical = new Canonical();
    List<Event> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(canonical.event(generator.next(), now));
    }
    System.out.printf(
        "Generated and parsed %,d Sysmon EventID 1/3 events (%,d with a credential-theft marker)"
            + " in %.1f s.%n%n",
        count, generator.suspicious(), (System.nanoTime() - t0) / 1e9);

    System.out.println(
        "| rules | events/s (best of "
            + passes
            + ") | µs/event | matches | events with the record parsed |");
    System.out.println("|---|---:|---:|---:|---:|");
    Map<String, Integer> byRule = new HashMap<>();
    double shared = run("all " + all.rules().size(), all, events, passes, byRule);
    run("1 (" + one.title() + ")", single, events, passes, new HashMap<>());
    run("none", none, events, passes, new HashMap<>());

    // the naive baseline: every rule on its own, one after the other, on a sample of the events
    int naiveCount = Math.min(events.size(), args.integer("naive-events", 2000));
    List<SigmaRuleSet.Matcher> oneByOne = new ArrayList<>();
    for (SigmaRule rule : all.rules()) {
      oneByOne.add(SigmaRuleSet.compile(List.of(rule)).newMatcher());
    }
    List<Event> sample = events.subList(0, naiveCount);
    for (Event event : sample.subList(0, Math.min(200, naiveCount))) {
      oneByOne.forEach(m -> m.forEachMatch(event, r -> {}));
    }
    long naiveMatches = 0;
    long t1 = System.nanoTime();
    for (Event event : sample) {
      for (SigmaRuleSet.Matcher m : oneByOne) {
        naiveMatches += m.forEachMatch(event, r -> {});
      }
    }
    double naive = naiveCount / ((System.nanoTime() - t1) / 1e9);
    System.out.printf(
        "| naive: each of the %,d rules evaluated on its own (%,d events) | %,.0f | %.2f | %,d | |%n",
        all.rules().size(), naiveCount, naive, 1e6 / naive, naiveMatches);
    System.out.printf(
        "%nShared compiled rule set vs one rule at a time: %.0f× faster.%n", shared / naive);

    System.out.printf("%nMatches per rule with all rules (title — author):%n");
    byRule.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(15)
        .forEach(e -> System.out.printf("  %,9d  %s%n", e.getValue(), e.getKey()));
    System.out.printf(
        "Regular expression searches abandoned over their budget: %,d.%n",
        all.abandonedRegexSearches());
    System.out.printf("Load average after: %s.%n", Machine.load());
  }

  /**
   * Times the rule set over the events; prints one table row; fills matches per rule; returns the
   * best events/s.
   */
  private static double run(
      String label, SigmaRuleSet set, List<Event> events, int passes, Map<String, Integer> byRule) {
    SigmaRuleSet.Matcher warm = set.newMatcher();
    for (int i = 0; i < events.size() / 5; i++) {
      warm.forEachMatch(events.get(i), r -> {});
    }
    double best = Double.MAX_VALUE;
    long matches = 0;
    long rawParses = 0;
    for (int pass = 0; pass < passes; pass++) {
      SigmaRuleSet.Matcher matcher = set.newMatcher();
      long[] found = {0};
      long t = System.nanoTime();
      for (Event event : events) {
        found[0] += matcher.forEachMatch(event, r -> {});
      }
      double seconds = (System.nanoTime() - t) / 1e9;
      best = Math.min(best, seconds);
      matches = found[0];
      rawParses = matcher.rawParses();
    }
    SigmaRuleSet.Matcher counting = set.newMatcher();
    for (Event event : events) {
      counting.forEachMatch(
          event, r -> byRule.merge(r.title() + " — " + r.author(), 1, Integer::sum));
    }
    System.out.printf(
        "| %s | %,.0f | %.2f | %,d | %,d (%.1f %%) |%n",
        label,
        events.size() / best,
        best * 1e6 / events.size(),
        matches,
        rawParses,
        100.0 * rawParses / events.size());
    return events.size() / best;
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
