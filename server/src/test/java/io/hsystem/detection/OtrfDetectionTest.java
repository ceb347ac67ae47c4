package io.hsystem.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.alerts.Alert;
import io.hsystem.alerts.AlertService;
import io.hsystem.support.IntegrationTest;
import io.hsystem.support.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 4, acceptance 3: with the shipped pack and SigmaHQ's Windows rules, the eight OTRF attack
 * recordings raise alerts for their ATT&CK techniques, and the thousands of benign events around
 * them do not flood the alert center.
 */
class OtrfDetectionTest extends IntegrationTest {

  @Autowired RuleService rules;
  @Autowired DetectionEngine engine;
  @Autowired AlertService alerts;

  /** Dataset file prefix → the technique OTRF's metadata names for it. */
  static final Map<String, String> TECHNIQUES =
      Map.of(
          "covenant_installutil", "T1218",
          "cmd_lsass_memory_dumpert_syscalls", "T1003",
          "cmd_userinitmprlogonscript_batch", "T1037",
          "psh_mavinject_dll_notepad", "T1055",
          "cmd_service_mod_fax", "T1543",
          "cmd_discover_iexplorer_version_registry", "T1518",
          "cmd_bitsadmin_download_psh_script", "T1197",
          "cmd_sharpview_pcre_net", "T1059");

  /**
   * Datasets whose technique no loaded rule names, with why: an honest list rather than a looser
   * assertion. Their alerts are still counted and printed.
   */
  static final Map<String, String> NOT_COVERED = Map.of();

  @Test
  void eachRecordingRaisesItsTechniqueAndTheNoiseStaysLow() throws Exception {
    Path sigmaWindows = SharedData.require("sigma/rules/windows");
    Path datasets = SharedData.require("events/otrf/windows");
    rules.reload();
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip);
        Stream<Path> walk = Files.walk(sigmaWindows)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        out.putNextEntry(new ZipEntry(sigmaWindows.relativize(file).toString()));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    var report = rules.importPack(new ByteArrayInputStream(zip.toByteArray()), true, "test");
    System.out.printf(
        "SigmaHQ windows rules: %d loaded, %d refused%n",
        report.added().size(), report.refused().size());

    String key =
        json.readTree(
                mvc.perform(
                        postJson(
                            token("admin"),
                            "/api/v1/ingest/keys",
                            "{\"name\": \"otrf\", \"source_type\": \"sysmon\"}"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString())
            .get("api_key")
            .asString();

    List<String> table = new ArrayList<>();
    Map<String, String> missing = new LinkedHashMap<>();
    long totalEvents = 0;
    long totalAlerts = 0;
    List<Path> files;
    try (Stream<Path> list = Files.list(datasets)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      String dataset =
          TECHNIQUES.keySet().stream().filter(name::startsWith).findFirst().orElseThrow();
      List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
      long lastAlert =
          alerts.since(0, Set.of(), 100_000).stream().mapToLong(Alert::id).max().orElse(0);
      long before = engine.analysed();
      for (int from = 0; from < lines.size(); from += 1000) {
        String body = String.join("\n", lines.subList(from, Math.min(lines.size(), from + 1000)));
        mvc.perform(
                post("/api/v1/ingest/events")
                    .header("X-API-Key", key)
                    .contentType("application/x-ndjson")
                    .content(body))
            .andExpect(status().isOk());
      }
      long deadline = System.currentTimeMillis() + 60_000;
      while (engine.analysed() < before + lines.size() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(engine.analysed()).isGreaterThanOrEqualTo(before + lines.size());
      List<Alert> raised = alerts.since(lastAlert, Set.of(), 100_000);
      Set<String> techniques = new TreeSet<>();
      raised.forEach(a -> techniques.addAll(a.techniques()));
      String expected = TECHNIQUES.get(dataset);
      boolean covered = techniques.stream().anyMatch(t -> t.startsWith(expected));
      if (!covered) {
        missing.put(dataset, expected);
      }
      totalEvents += lines.size();
      totalAlerts += raised.size();
      table.add(
          String.format(
              "| %s | %s | %,d | %d | %.1f | %s | %s |",
              dataset,
              expected,
              lines.size(),
              raised.size(),
              raised.size() * 1000.0 / lines.size(),
              covered ? "yes" : "**no**",
              String.join(" ", techniques)));
    }
    System.out.println(
        "| dataset | technique | events | alerts | alerts per 1,000 events | technique alerted |"
            + " techniques of its alerts |");
    System.out.println("|---|---|---:|---:|---:|:---:|---|");
    table.forEach(System.out::println);
    System.out.printf(
        "all: %,d events, %d alerts, %.1f per 1,000 events%n",
        totalEvents, totalAlerts, totalAlerts * 1000.0 / totalEvents);

    assertThat(missing.keySet()).isEqualTo(NOT_COVERED.keySet());
    // grouped alerts, not one per event: under 2 % of events become an alert
    assertThat(totalAlerts * 1000.0 / totalEvents).isLessThan(20.0);
  }
}
