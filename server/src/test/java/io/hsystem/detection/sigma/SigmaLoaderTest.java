package io.hsystem.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.shared.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading rules: metadata, documents, refusals with reasons, folders and archives, correlations.
 */
class SigmaLoaderTest {

  private static final String RULE =
      """
      title: %s
      id: %s
      logsource: {product: windows, category: process_creation}
      detection:
        s:
          Image|endswith: '\\x.exe'
        condition: s
      """;

  @TempDir Path tmp;

  private static Path folder() throws URISyntaxException {
    return Path.of(SigmaLoaderTest.class.getResource("/sigma/folder").toURI());
  }

  @Test
  void readsTheMetadataOfARule() throws Exception {
    SigmaLibrary library = new SigmaLoader().loadFolder(folder());
    SigmaRule rule = library.rule("5f0c3b3e-8a3c-4f57-9d2e-6a8f4f0b1c01").orElseThrow();
    assertThat(rule.title()).isEqualTo("Whoami Execution");
    assertThat(rule.author()).isEqualTo("H-System tests");
    assertThat(rule.status()).isEqualTo("test");
    assertThat(rule.date()).isEqualTo("2024-03-08");
    assertThat(rule.modified()).isEqualTo("2025-01-02");
    assertThat(rule.level()).isEqualTo(Severity.INFO);
    assertThat(rule.tactics()).containsExactly("discovery", "privilege-escalation");
    assertThat(rule.techniques()).containsExactly("T1033");
    assertThat(rule.tags()).contains("attack.g0016", "car.2016-03-001");
    assertThat(rule.references()).containsExactly("https://example.org/whoami");
    assertThat(rule.falsePositives()).containsExactly("Admin scripts");
    assertThat(rule.logsource()).isEqualTo(new SigmaLogsource("process_creation", "windows", null));
    assertThat(rule.source()).isEqualTo("windows/proc_creation_win_whoami.yml");
    assertThat(rule.yaml()).startsWith("title: Whoami Execution").contains("level: informational");
  }

  @Test
  void aFolderLoadsWhatItCanAndSaysWhyNotForTheRest() throws Exception {
    SigmaLibrary library = new SigmaLoader().loadFolder(folder());
    assertThat(library.rules())
        .extracting(SigmaRule::title)
        .containsExactly("Failed Logon", "Successful Logon", "Whoami Execution");
    assertThat(library.correlations())
        .extracting(CorrelationRule::title)
        .containsExactly("Many Failed Logons", "Failed Logons Followed By Success");
    assertThat(library.unsupported()).hasSize(2);
    Unsupported broken = library.unsupported().get(0);
    assertThat(broken.source()).isEqualTo("windows/broken_indentation.yml");
    assertThat(broken.reason()).startsWith("YAML: ").contains("line 9");
    Unsupported modifier = library.unsupported().get(1);
    assertThat(modifier.ruleId()).isEqualTo("5f0c3b3e-8a3c-4f57-9d2e-6a8f4f0b1c03");
    assertThat(modifier.title()).isEqualTo("Unknown Modifier");
    assertThat(modifier.reason()).contains("unknown modifier 'containz'");
  }

  @Test
  void correlationRulesAreReadAndResolved() throws Exception {
    SigmaLibrary library = new SigmaLoader().loadFolder(folder());
    CorrelationRule count = library.correlation("many_failed_logons").orElseThrow();
    assertThat(count.type()).isEqualTo(CorrelationRule.Type.EVENT_COUNT);
    assertThat(count.rules()).containsExactly("failed_logon");
    assertThat(count.groupBy())
        .extracting(SigmaField::name)
        .containsExactly("TargetUserName", "Computer");
    assertThat(count.groupBy().get(1).canonical()).isNotNull();
    assertThat(count.timespan()).isEqualTo(Duration.ofMinutes(10));
    assertThat(count.conditionHolds(10)).isTrue();
    assertThat(count.conditionHolds(9)).isFalse();
    assertThat(count.level()).isEqualTo(Severity.MEDIUM);
    CorrelationRule ordered =
        library.correlation("5f0c3b3e-8a3c-4f57-9d2e-6a8f4f0b1c13").orElseThrow();
    assertThat(ordered.type()).isEqualTo(CorrelationRule.Type.TEMPORAL_ORDERED);
    assertThat(ordered.timespan()).isEqualTo(Duration.ofHours(1));
    assertThat(ordered.condition()).isEmpty();
    assertThat(ordered.conditionHolds(1)).isFalse();
    assertThat(ordered.conditionHolds(2)).isTrue();
    assertThat(ordered.author()).isEqualTo("H-System tests");
  }

  @Test
  void correlationFieldsAndErrors() {
    String valueCount =
        """
        title: many users
        correlation:
          type: value_count
          rules: [r1]
          group-by: [IpAddress]
          timespan: 2d
          condition: {field: TargetUserName, gt: 10, lte: 100}
          aliases:
            ip:
              r1: IpAddress
          generate: true
        ---
        title: r1
        id: r1
        logsource: {product: windows, service: security}
        detection: {s: {EventID: 4625}, condition: s}
        """;
    SigmaLibrary library = new SigmaLoader().load("vc.yml", valueCount);
    assertThat(library.unsupported()).isEmpty();
    CorrelationRule vc = library.correlations().get(0);
    assertThat(vc.valueField().name()).isEqualTo("TargetUserName");
    assertThat(vc.conditionHolds(11)).isTrue();
    assertThat(vc.conditionHolds(101)).isFalse();
    assertThat(vc.timespan()).isEqualTo(Duration.ofDays(2));
    assertThat(vc.aliases().get("ip").get("r1").name()).isEqualTo("IpAddress");
    assertThat(vc.generate()).isTrue();

    assertThat(correlationRefusal("type: event_count\n  rules: [r1]\n  timespan: 5m"))
        .contains("condition: required");
    assertThat(
            correlationRefusal(
                "type: value_count\n  rules: [r1]\n  timespan: 5m\n  condition: {gte: 3}"))
        .contains("field: required");
    assertThat(correlationRefusal("type: count\n  rules: [r1]\n  timespan: 5m"))
        .contains("is not event_count");
    assertThat(correlationRefusal("type: temporal\n  rules: [r1]\n  timespan: 5 minutes"))
        .contains("timespan");
    assertThat(
            correlationRefusal(
                "type: event_count\n  rules: [r1]\n  timespan: 5m\n  condition: {above: 3}"))
        .contains("'above' is not gt");
    assertThat(correlationRefusal("type: temporal\n  rules: [nowhere]\n  timespan: 5m"))
        .contains("'nowhere' is not a loaded rule");
  }

  private static String correlationRefusal(String body) {
    String yaml =
        "title: c\ncorrelation:\n  "
            + body
            + "\n---\ntitle: r1\nid: r1\nlogsource: {product: windows, service: security}\n"
            + "detection: {s: {EventID: 4625}, condition: s}\n";
    SigmaLibrary library = new SigmaLoader().load("c.yml", yaml);
    assertThat(library.correlations()).isEmpty();
    assertThat(library.unsupported()).hasSize(1);
    return library.unsupported().get(0).reason();
  }

  @Test
  void aBrokenDocumentDoesNotStopTheOthersInItsFile() {
    String yaml =
        RULE.formatted("first", "a1")
            + "---\ntitle: [unclosed\n---\n"
            + RULE.formatted("third", "a3")
            + "---\n- just\n- a list\n";
    SigmaLibrary library = new SigmaLoader().load("multi.yml", yaml);
    assertThat(library.rules()).extracting(SigmaRule::title).containsExactly("first", "third");
    assertThat(library.unsupported())
        .extracting(Unsupported::source)
        .containsExactly("multi.yml (document 2)", "multi.yml (document 4)");
    assertThat(library.unsupported().get(1).reason()).contains("not a rule");
  }

  @Test
  void onlySafeYamlIsRead() {
    assertThat(Rules.refusalOf("title: !!javax.script.ScriptEngineManager [x]\n"))
        .startsWith("YAML: ");
    assertThat(Rules.refusalOf("title: a\ntitle: b\n")).contains("duplicate key");
    String laughs =
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "title: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
    assertThat(Rules.refusalOf(laughs)).contains("aliases");
    assertThat(Rules.refusalOf("title: " + "[".repeat(100) + "]".repeat(100)))
        .contains("Nesting Depth");
  }

  @Test
  void datesStayTheTextTheyWereWrittenAs() {
    SigmaRule rule =
        Rules.load(RULE.formatted("dated", "d1") + "date: 2024-03-08\nmodified: 2024/03/09\n");
    assertThat(rule.date()).isEqualTo("2024-03-08");
    assertThat(rule.modified()).isEqualTo("2024/03/09");
  }

  @Test
  void metadataErrorsAreRefused() {
    assertThat(Rules.refusalOf(RULE.formatted("x", "i") + "level: severe\n"))
        .contains("level: 'severe'");
    assertThat(
            Rules.refusalOf(
                "id: x\nlogsource: {product: windows}\ndetection: {s: {a: b}, condition: s}"))
        .contains("title: missing");
    assertThat(Rules.refusalOf("title: t\ndetection: {s: {a: b}, condition: s}"))
        .contains("logsource");
    assertThat(Rules.refusalOf("title: t\nlogsource: {product: windows}\n"))
        .contains("detection: missing");
    assertThat(Rules.refusalOf("title: t\naction: global\nlogsource: {product: windows}\n"))
        .contains("action: global");
    assertThat(Rules.refusalOf("title: t\nfilter: {rules: [x]}\nlogsource: {product: windows}\n"))
        .contains("Sigma filters");
  }

  @Test
  void aRuleWithoutALevelIsMedium() {
    assertThat(Rules.load(RULE.formatted("no level", "n1")).level()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void duplicateIdsKeepTheFirstRule() {
    SigmaLibrary library =
        new SigmaLoader()
            .load(
                "dup.yml", RULE.formatted("one", "same") + "---\n" + RULE.formatted("two", "same"));
    assertThat(library.rules()).extracting(SigmaRule::title).containsExactly("one");
    assertThat(library.unsupported().get(0).reason()).contains("duplicate id");
  }

  @Test
  void oversizedFilesAreRefused() throws IOException {
    SigmaLoader small = new SigmaLoader(new SigmaLoader.Limits(64, 20, 32, 100, 1 << 20));
    assertThat(small.load("big.yml", RULE.formatted("big", "b")).unsupported().get(0).reason())
        .contains("over the limit of 64");
    Path dir = Files.createDirectories(tmp.resolve("rules"));
    Files.writeString(dir.resolve("big.yml"), RULE.formatted("big", "b"));
    assertThat(small.loadFolder(dir).unsupported().get(0).reason()).contains("over the limit");
  }

  @Test
  void filesThatAreNotUtf8AreRefused() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("latin1"));
    Files.write(dir.resolve("r.yml"), "title: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(new SigmaLoader().loadFolder(dir).unsupported().get(0).reason())
        .contains("not UTF-8");
  }

  @Test
  void zipArchivesLoadTheirRuleEntries() throws IOException {
    Path zip =
        zip(
            Map.of(
                "rules/a.yml", RULE.formatted("a", "z1"),
                "rules/sub/b.yaml", RULE.formatted("b", "z2"),
                "rules/LICENSE", "not a rule"));
    SigmaLibrary library = new SigmaLoader().loadZip(zip);
    assertThat(library.rules())
        .extracting(SigmaRule::source)
        .containsExactly("rules/a.yml", "rules/sub/b.yaml");
    assertThat(library.unsupported()).isEmpty();
  }

  @Test
  void zipArchivesWithEntriesOutsideThemAreRefusedWhole() throws IOException {
    for (String evil :
        List.of(
            "../evil.yml",
            "rules/../../evil.yml",
            "/etc/evil.yml",
            "C:/evil.yml",
            "..\\evil.yml")) {
      Path zip =
          zip(Map.of("rules/a.yml", RULE.formatted("a", "z1"), evil, RULE.formatted("e", "z9")));
      SigmaLibrary library = new SigmaLoader().loadZip(zip);
      assertThat(library.rules()).as(evil).isEmpty();
      assertThat(library.unsupported()).hasSize(1);
      assertThat(library.unsupported().get(0).reason()).as(evil).contains(evil);
    }
  }

  @Test
  void zipArchivesBeyondTheLimitsAreRefusedWhole() throws IOException {
    Map<String, String> three =
        Map.of(
            "a.yml",
            RULE.formatted("a", "1"),
            "b.yml",
            RULE.formatted("b", "2"),
            "c.yml",
            RULE.formatted("c", "3"));
    SigmaLoader twoFiles = new SigmaLoader(new SigmaLoader.Limits(1 << 20, 20, 32, 2, 1 << 20));
    assertThat(twoFiles.loadZip(zip(three)).unsupported().get(0).reason()).contains("3 entries");
    SigmaLoader fewBytes = new SigmaLoader(new SigmaLoader.Limits(1 << 20, 20, 32, 100, 300));
    SigmaLibrary inflated = fewBytes.loadZip(zip(three));
    assertThat(inflated.rules()).isEmpty();
    assertThat(inflated.unsupported().get(0).reason()).contains("inflates to more than 300 bytes");
    SigmaLoader smallEntries = new SigmaLoader(new SigmaLoader.Limits(100, 20, 32, 100, 1 << 20));
    assertThat(
            smallEntries
                .loadZip(zip(Map.of("a.yml", " ".repeat(5000))))
                .unsupported()
                .get(0)
                .reason())
        .contains("more than the limit of 100");
  }

  @Test
  void aFileThatIsNotAZipIsRefused() throws IOException {
    Path notZip = Files.writeString(tmp.resolve("rules.zip"), "plain text");
    assertThat(new SigmaLoader().loadZip(notZip).unsupported().get(0).reason())
        .contains("not a readable zip");
  }

  private Path zip(Map<String, String> entries) throws IOException {
    Path zip = Files.createTempFile(tmp, "rules", ".zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return zip;
  }
}
