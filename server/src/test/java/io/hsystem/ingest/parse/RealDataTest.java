package io.hsystem.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.ingest.internal.parse.Parsers;
import io.hsystem.ingest.internal.parse.RecordParser;
import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * Every record of the third-party Windows datasets in {@code ../shared/data} parses, with spot
 * checks of known attack events. Skipped with a reason when the data is absent, failed instead when
 * {@code HSYSTEM_CI=1}.
 */
class RealDataTest {

  private static final String OTRF = "events/otrf/windows/";
  private static final String MDEC = "events/mdecrevoisier/";
  private static final String MDEC_PREFIX_T1047 =
      "TA0002-Execution_T1047-Windows_Management_Instrumentation_";

  private static Path data;

  private final RecordParser sysmon = Parsers.forSource(SourceType.SYSMON);

  @BeforeAll
  static void findData() {
    data = io.hsystem.support.SharedData.require("events").getParent();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    OTRF + "cmd_bitsadmin_download_psh_script_2020-10-2302365189.json, 424",
    OTRF + "cmd_discover_iexplorer_version_registry_2020-10-2123281491.json, 68",
    OTRF + "cmd_lsass_memory_dumpert_syscalls_2020-10-1822561997.json, 118",
    OTRF + "cmd_service_mod_fax_2020-10-2120454410.json, 437",
    OTRF + "cmd_sharpview_pcre_net_2020-10-2920232423.json, 267",
    OTRF + "cmd_userinitmprlogonscript_batch_2020-10-1922471810.json, 122",
    OTRF + "covenant_installutil_2020-09-19211702.json, 1730",
    OTRF + "psh_mavinject_dll_notepad_2020-10-2121410529.json, 509",
    MDEC + MDEC_PREFIX_T1047 + "ID1-WMI_spwaning_PowerShell_process_-_WMImplant.jsonl, 1",
    MDEC + MDEC_PREFIX_T1047 + "ID1-WMIexec_process_execution.jsonl, 1",
    MDEC + MDEC_PREFIX_T1047 + "ID3-7-10-Suspicious_DLL_loaded__CME_Mimikatz_.jsonl, 5",
    MDEC + "TA0002-Execution_T1053.005-Scheduled_Task_ID4688-Scheduled_task_creation.jsonl, 1",
    MDEC + "TA0003-Persistence_T1136-Create_account_ID4688-User_creation_via_commandline.jsonl, 9",
    MDEC + "TA0003-Persistence_T1197-BITS_jobs_ID3-59-60-BITS_job_created.jsonl, 5",
    MDEC
        + "TA0003-Persistence_T1543.003-Create_or_Modify_System_Process-Windows_Service_ID4688"
        + "-Service_created__command_.jsonl, 2",
    MDEC
        + "TA0004-Privilege_Escalation_T1546-Image_File_Execution_Options_Injection_ID1"
        + "-CMD_executed_via_sticky_key_call.jsonl, 2",
    MDEC
        + "TA0005-Defense_Evasion_T1027-Obfuscated_Files_or_Information_ID1"
        + "-CrackMapExec_payload_execution.jsonl, 2",
    MDEC
        + "TA0005-Defense_Evasion_T1070.001-Clear_Windows_event_logs_ID4688"
        + "-Clear_event_log_attempt__native_.jsonl, 28",
    MDEC
        + "TA0005-Defense_Evasion_T1140-Deobfuscate-Decode_Files_or_Information_ID4688"
        + "-Certutil_download.jsonl, 2",
    MDEC
        + "TA0005-Defense_Evasion_T1562.001-Impair_Defenses-Disable_or_Modify_tool_ID4688"
        + "-Defender_critical_features_disabled__command_.jsonl, 9"
  })
  void everyLineOfAWindowsDatasetParses(String file, int expectedRecords) throws IOException {
    Path path = data.resolve(file);
    List<String> lines = nonBlankLines(path);

    List<String> rejections = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    for (String line : lines) {
      try {
        events.add(sysmon.parse(Samples.MAPPER.readTree(line), line));
      } catch (RecordRejected e) {
        rejections.add(e.reason() + " in " + line.substring(0, Math.min(200, line.length())));
      }
    }

    assertThat(rejections).isEmpty();
    assertThat(lines).hasSize(expectedRecords);
    assertThat(events).hasSize(lines.size());
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.has(EventField.EVENT_TIME)).isTrue();
              assertThat(e.getString(EventField.EVENT_TYPE)).isNotBlank();
              assertThat(e.getString(EventField.EVENT_CATEGORY)).isNotBlank();
              assertThat(e.getString(EventField.EVENT_CODE)).isNotBlank();
              assertThat(e.getString(EventField.HOST_NAME)).isNotBlank();
              assertThat(e.getString(EventField.SOURCE_TYPE)).isEqualTo("sysmon");
            });
  }

  @Test
  void datasetFolderHoldsExactlyTheEightOtrfWindowsDatasets() throws IOException {
    try (Stream<Path> files = Files.list(data.resolve(OTRF))) {
      assertThat(files.filter(Files::isRegularFile)).hasSize(8);
    }
    try (Stream<Path> files = Files.list(data.resolve(MDEC))) {
      assertThat(files.filter(p -> p.toString().endsWith(".jsonl"))).hasSize(12);
    }
  }

  @Test
  void otrfSysmonProcessCreationIsMappedFieldByField() throws Exception {
    Event e = line(OTRF + "cmd_bitsadmin_download_psh_script_2020-10-2302365189.json", 118);

    assertThat(Samples.fields(e))
        .containsAllEntriesOf(
            Samples.expected(
                "event_time", Instant.parse("2020-10-23T06:36:43.542Z"),
                "event_type", "process_start",
                "event_category", "process",
                "event_code", "1",
                "source_type", "sysmon",
                "host_name", "WORKSTATION5",
                "path", "C:\\Windows\\System32\\bitsadmin.exe",
                "process_name", "bitsadmin.exe",
                "process_id", 9260L,
                "parent_path", "C:\\Windows\\System32\\cmd.exe",
                "parent_process_name", "cmd.exe",
                "parent_command_line", "\"C:\\windows\\system32\\cmd.exe\" ",
                "user", "WORKSTATION5\\wardog",
                "hash_sha256", "EAAE8536D554D0E86D8540A8B34DB2649BD884843F389495D0B6E91636C6CF54"));
    assertThat(e.getString(EventField.COMMAND_LINE))
        .startsWith("bitsadmin.exe  /transfer /Download /priority Foreground https://raw.");
  }

  @Test
  void otrfSecurityProcessCreationReadsHexProcessIds() throws Exception {
    Event e = line(OTRF + "cmd_bitsadmin_download_psh_script_2020-10-2302365189.json", 3);

    assertThat(Samples.fields(e))
        .containsAllEntriesOf(
            Samples.expected(
                "event_time", Instant.parse("2020-10-23T02:36:43.542Z"),
                "event_type", "process_start",
                "event_category", "process",
                "event_code", "4688",
                "path", "C:\\Windows\\System32\\bitsadmin.exe",
                "process_name", "bitsadmin.exe",
                "process_id", 0x242cL,
                "parent_path", "C:\\Windows\\System32\\cmd.exe",
                "parent_process_name", "cmd.exe",
                "user", "WORKSTATION5\\wardog"));
  }

  @Test
  void otrfNetworkConnectionCarriesBothEnds() throws Exception {
    Event e = line(OTRF + "cmd_bitsadmin_download_psh_script_2020-10-2302365189.json", 375);

    assertThat(e.getString(EventField.EVENT_CODE)).isEqualTo("3");
    assertThat(Samples.fields(e))
        .containsAllEntriesOf(
            Samples.expected(
                "event_type", "network_connection",
                "event_category", "network",
                "src_ip", "192.168.2.5",
                "src_port", 61628L,
                "dst_ip", "239.255.255.250",
                "dst_port", 1900L,
                "protocol", "udp",
                "process_name", "svchost.exe",
                "user", "NT AUTHORITY\\LOCAL SERVICE"));
  }

  @Test
  void mimikatzSampleShowsTheC2ConnectionAndTheLsassAccess() throws Exception {
    String file = MDEC + MDEC_PREFIX_T1047 + "ID3-7-10-Suspicious_DLL_loaded__CME_Mimikatz_.jsonl";

    assertThat(Samples.fields(line(file, 3)))
        .containsAllEntriesOf(
            Samples.expected(
                "event_time", Instant.parse("2021-11-30T22:05:44.846Z"),
                "event_type", "network_connection",
                "host_name", "fs03vuln.offsec.lan",
                "process_name", "powershell.exe",
                "process_id", 2668L,
                "user", "OFFSEC\\admmig",
                "src_ip", "10.23.42.38",
                "src_port", 62095L,
                "dst_ip", "10.23.123.11",
                "dst_port", 443L,
                "protocol", "tcp"));
    assertThat(Samples.fields(line(file, 4)))
        .containsAllEntriesOf(
            Samples.expected(
                "event_type", "process_access",
                "event_category", "process",
                "path", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                "process_id", 2668L));
    assertThat(Samples.fields(line(file, 2)))
        .containsAllEntriesOf(
            Samples.expected(
                "event_type", "image_load",
                "file_path", "C:\\Windows\\System32\\wbem\\wmiutils.dll"));
  }

  @Test
  void defenderTamperingCommandLineIsKeptVerbatim() throws Exception {
    Event e =
        line(
            MDEC
                + "TA0005-Defense_Evasion_T1562.001-Impair_Defenses-Disable_or_Modify_tool_ID4688"
                + "-Defender_critical_features_disabled__command_.jsonl",
            1);

    assertThat(Samples.fields(e))
        .containsAllEntriesOf(
            Samples.expected(
                "event_time", Instant.parse("2021-10-06T09:46:09.533842Z"),
                "event_type", "process_start",
                "event_code", "4688",
                "host_name", "win10-02.offsec.lan",
                "process_name", "powershell.exe",
                "command_line",
                    "powershell.exe  -command \"Set-MpPreference -EnableControlledFolderAccess"
                        + " Disabled\""));
  }

  @Test
  void bitsClientEventsAreNotMistakenForSysmonNetworkConnections() throws Exception {
    String file = MDEC + "TA0003-Persistence_T1197-BITS_jobs_ID3-59-60-BITS_job_created.jsonl";
    List<String> lines = nonBlankLines(data.resolve(file));
    for (String line : lines) {
      Event e = sysmon.parse(Samples.MAPPER.readTree(line), line);
      if (!line.contains("Microsoft-Windows-Sysmon")) {
        assertThat(e.getString(EventField.EVENT_TYPE)).isEqualTo("windows_event");
      }
    }
  }

  @Test
  void everyNestedSigmaRegressionEventParses() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(data.resolve("sigma/regression_data"))) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    int independentCount = 0;
    List<Event> events = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      try (MappingIterator<JsonNode> it =
          Samples.MAPPER.readerFor(JsonNode.class).readValues(text)) {
        while (it.hasNextValue()) {
          JsonNode node = it.nextValue();
          if (!node.path("Event").path("System").path("EventID").isMissingNode()) {
            independentCount++;
          }
        }
      }
      for (String raw : Samples.split(text)) {
        try {
          events.add(sysmon.parse(Samples.MAPPER.readTree(raw), raw));
        } catch (RecordRejected e) {
          rejections.add(e.reason() + " in " + file);
        }
      }
    }

    assertThat(rejections).isEmpty();
    assertThat(files).hasSize(202);
    assertThat(independentCount).isEqualTo(238);
    assertThat(events).hasSize(independentCount);
    List<Event> processStarts =
        events.stream().filter(e -> "1".equals(e.getString(EventField.EVENT_CODE))).toList();
    assertThat(processStarts)
        .hasSize(151)
        .allSatisfy(
            e -> {
              assertThat(e.getString(EventField.EVENT_TYPE)).isEqualTo("process_start");
              assertThat(e.getString(EventField.PATH)).isNotBlank();
              assertThat(e.getString(EventField.PROCESS_NAME)).isNotBlank();
              assertThat(e.getString(EventField.COMMAND_LINE)).isNotBlank();
              assertThat(e.getString(EventField.HOST_NAME)).isNotBlank();
            });
    assertThat(events)
        .filteredOn(e -> "13".equals(e.getString(EventField.EVENT_CODE)))
        .hasSize(33)
        .allSatisfy(e -> assertThat(e.getString(EventField.REGISTRY_KEY)).isNotBlank());
    assertThat(events)
        .filteredOn(e -> "11".equals(e.getString(EventField.EVENT_CODE)))
        .hasSize(35)
        .allSatisfy(e -> assertThat(e.getString(EventField.FILE_PATH)).isNotBlank());
  }

  private Event line(String file, int lineNumber) throws Exception {
    String line = nonBlankLines(data.resolve(file)).get(lineNumber - 1);
    return sysmon.parse(Samples.MAPPER.readTree(line), line);
  }

  private static List<String> nonBlankLines(Path path) throws IOException {
    try (Stream<String> lines = Files.lines(path, StandardCharsets.UTF_8)) {
      return lines.filter(l -> !l.isBlank()).toList();
    }
  }
}
