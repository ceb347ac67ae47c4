package io.hsystem.detection.sigma;

import static io.hsystem.detection.sigma.Rules.matches;
import static io.hsystem.detection.sigma.Rules.processCreation;
import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.SourceType;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Sigma field names onto canonical fields, and fields read from the original record. */
class FieldMappingTest {

  @Test
  void sigmaNamesMapOntoCanonicalFields() {
    assertThat(SigmaField.of("Image").canonical()).isEqualTo(EventField.PATH);
    assertThat(SigmaField.of("CommandLine").canonical()).isEqualTo(EventField.COMMAND_LINE);
    assertThat(SigmaField.of("ParentImage").canonical()).isEqualTo(EventField.PARENT_PATH);
    assertThat(SigmaField.of("ParentCommandLine").canonical())
        .isEqualTo(EventField.PARENT_COMMAND_LINE);
    assertThat(SigmaField.of("User").canonical()).isEqualTo(EventField.USER);
    assertThat(SigmaField.of("SourceIp").canonical()).isEqualTo(EventField.SRC_IP);
    assertThat(SigmaField.of("DestinationIp").canonical()).isEqualTo(EventField.DST_IP);
    assertThat(SigmaField.of("SourcePort").canonical()).isEqualTo(EventField.SRC_PORT);
    assertThat(SigmaField.of("DestinationPort").canonical()).isEqualTo(EventField.DST_PORT);
    assertThat(SigmaField.of("QueryName").canonical()).isEqualTo(EventField.DNS_QUERY);
    assertThat(SigmaField.of("TargetFilename").canonical()).isEqualTo(EventField.FILE_PATH);
    assertThat(SigmaField.of("TargetObject").canonical()).isEqualTo(EventField.REGISTRY_KEY);
    assertThat(SigmaField.of("Computer").canonical()).isEqualTo(EventField.HOST_NAME);
    assertThat(SigmaField.of("EventID").canonical()).isEqualTo(EventField.EVENT_CODE);
    assertThat(SigmaField.of("logtype").canonical()).isEqualTo(EventField.EVENT_CODE);
    assertThat(SigmaField.of("src_host").canonical()).isEqualTo(EventField.SRC_IP);
    assertThat(SigmaField.of("dst_port").canonical()).isEqualTo(EventField.DST_PORT);
    assertThat(SigmaField.of("username").canonical()).isEqualTo(EventField.USERNAME);
    assertThat(SigmaField.of("password").canonical()).isEqualTo(EventField.PASSWORD);
    assertThat(SigmaField.of("eventid").canonical()).isEqualTo(EventField.EVENT_CODE);
  }

  @Test
  void canonicalAndEcsNamesAreTakenAsTheyAreButOnlyExactly() {
    assertThat(SigmaField.of("command_line").canonical()).isEqualTo(EventField.COMMAND_LINE);
    assertThat(SigmaField.of("process.command_line").canonical())
        .isEqualTo(EventField.COMMAND_LINE);
    assertThat(SigmaField.of("source.ip").canonical()).isEqualTo(EventField.SRC_IP);
    // Windows' Path (a script's path) is not the canonical path (the process executable)
    assertThat(SigmaField.of("Path").isRaw()).isTrue();
  }

  @Test
  void fieldsWithoutACanonicalTwinAreRaw() {
    for (String name :
        List.of(
            "OriginalFileName",
            "IntegrityLevel",
            "CurrentDirectory",
            "Description",
            "Product",
            "Company",
            "ParentUser",
            "LogonType",
            "ServiceName",
            "ScriptBlockText",
            "Hashes")) {
      assertThat(SigmaField.of(name).isRaw()).as(name).isTrue();
    }
  }

  @Test
  void aFieldsValueCanBeReadFromAnEventForCorrelations() {
    Event event =
        Rules.process("Image", "C:\\w\\cmd.exe", "ProcessId", "42", "IntegrityLevel", "High");
    assertThat(SigmaField.of("Image").valueIn(event)).isEqualTo("C:\\w\\cmd.exe");
    assertThat(SigmaField.of("ProcessId").valueIn(event)).isEqualTo("42");
    assertThat(SigmaField.of("IntegrityLevel").valueIn(event)).isEqualTo("High");
    assertThat(SigmaField.of("integritylevel").valueIn(event)).isEqualTo("High");
    assertThat(SigmaField.of("ParentImage").valueIn(event)).isNull();
    assertThat(SigmaField.of("LogonType").valueIn(event)).isNull();
  }

  @Test
  void rawFieldsAreReadFromFlatRecords() {
    SigmaRule rule =
        processCreation(
            """
            s:
              OriginalFileName: 'PowerShell.EXE'
              IntegrityLevel: 'High'
              Hashes|contains: 'IMPHASH=ABC123'
            condition: s
            """);
    Event event =
        Rules.process(
            "Image", "C:\\temp\\x.exe",
            "OriginalFileName", "PowerShell.EXE",
            "IntegrityLevel", "High",
            "Hashes", "SHA256=00FF,IMPHASH=ABC123");
    assertThat(matches(rule, event)).isTrue();
    assertThat(
            matches(
                rule,
                Rules.process("Image", "C:\\temp\\x.exe", "OriginalFileName", "PowerShell.EXE")))
        .isFalse();
  }

  @Test
  void rawFieldsAreReadFromNestedWindowsRecords() {
    ObjectNode record = Rules.object();
    ObjectNode e = record.putObject("Event");
    ObjectNode system = e.putObject("System");
    system.putObject("Provider").putObject("#attributes").put("Name", "Service Control Manager");
    system
        .putObject("EventID")
        .put("#text", 7045)
        .putObject("#attributes")
        .put("Qualifiers", 16384);
    system.put("Channel", "System");
    system.put("Computer", "DC01");
    system
        .putObject("TimeCreated")
        .putObject("#attributes")
        .put("SystemTime", "2025-06-01T10:00:00Z");
    ObjectNode data = e.putObject("EventData");
    data.put("ServiceName", "evil");
    data.putArray("Data").addObject().put("@Name", "ImagePath").put("#text", "C:\\temp\\evil.exe");
    Event event = Rules.parse(SourceType.SYSMON, record);
    SigmaRule rule =
        Rules.load(
            """
            title: service installed from temp
            logsource: {product: windows, service: system}
            detection:
              s:
                Provider_Name: 'Service Control Manager'
                EventID: 7045
                ServiceName: evil
                ImagePath|contains: '\\temp\\'
              condition: s
            """);
    assertThat(matches(rule, event)).isTrue();
  }

  @Test
  void rawFieldsAreReadFromUserData() {
    ObjectNode record = Rules.object();
    ObjectNode e = record.putObject("Event");
    ObjectNode system = e.putObject("System");
    system.put("EventID", 5858);
    system.put("Channel", "Microsoft-Windows-WMI-Activity/Operational");
    system
        .putObject("TimeCreated")
        .putObject("#attributes")
        .put("SystemTime", "2025-06-01T10:00:00Z");
    e.putObject("UserData")
        .putObject("Operation_ClientFailure")
        .put("Operation", "x::cleareventlog");
    SigmaRule rule =
        Rules.load(
            """
            title: wmi
            logsource: {product: windows, service: wmi}
            detection:
              s:
                Operation|endswith: '::ClearEventLog'
              condition: s
            """);
    assertThat(matches(rule, Rules.parse(SourceType.SYSMON, record))).isTrue();
  }

  @Test
  void nestedObjectsAreReadByTheirDottedPath() {
    ObjectNode record = Rules.object();
    record
        .put("logtype", 2000)
        .put("utc_time", "2025-06-01 10:00:00.000")
        .put("src_host", "203.0.113.9");
    record.putObject("logdata").put("USERNAME", "admin").put("PASSWORD", "hunter2");
    SigmaRule rule =
        Rules.load(
            """
            title: ftp admin
            logsource: {product: opencanary, category: application}
            detection:
              s:
                logtype: 2000
                logdata.USERNAME: admin
                src_host|cidr: 203.0.113.0/24
              condition: s
            """);
    assertThat(matches(rule, Rules.parse(SourceType.OPENCANARY, record))).isTrue();
  }

  @Test
  void theRecordIsReadOnlyWhenARuleCannotBeDecidedWithoutIt() {
    SigmaRule rule =
        processCreation(
            """
            s:
              CommandLine|contains: 'mimikatz'
              IntegrityLevel|exists: true
              TerminalSessionId|gt: 0
            condition: s
            """);
    SigmaRuleSet.Matcher matcher = SigmaRuleSet.compile(List.of(rule)).newMatcher();
    // the canonical literal misses: decided without the record
    assertThat(
            matcher.matches(
                Rules.process("Image", "a.exe", "CommandLine", "calc", "IntegrityLevel", "High")))
        .isEmpty();
    assertThat(matcher.rawParses()).isZero();
    // the literal hits: the record is read, once, for both of its fields
    assertThat(
            matcher.matches(
                Rules.process(
                    "Image",
                    "a.exe",
                    "CommandLine",
                    "mimikatz",
                    "IntegrityLevel",
                    "High",
                    "TerminalSessionId",
                    "1")))
        .containsExactly(rule);
    assertThat(matcher.rawParses()).isEqualTo(1);
  }

  @Test
  void literalsOfRecordFieldsAreLookedForWithOneReadOfTheRecord() {
    SigmaRule rule =
        processCreation(
            """
            s:
              OriginalFileName: 'mimi.exe'
              Description|contains: 'gentil'
              Company|endswith: 'kiwi'
            condition: s
            """);
    SigmaRuleSet.Matcher matcher = SigmaRuleSet.compile(List.of(rule)).newMatcher();
    Event event =
        Rules.process(
            "Image",
            "a.exe",
            "OriginalFileName",
            "MIMI.exe",
            "Description",
            "a Gentil tool",
            "Company",
            "Gentil Kiwi");
    assertThat(matcher.matches(event)).containsExactly(rule);
    assertThat(matcher.matches(Rules.process("Image", "a.exe", "OriginalFileName", "mimi.exe")))
        .isEmpty();
    assertThat(matcher.rawParses()).isEqualTo(2);
  }

  @Test
  void keywordsSearchTheRecordAndTheEventsStringFields() {
    SigmaRule rule =
        processCreation(
            """
            keywords:
              - 'sekurlsa::logonpasswords'
              - 'Company: Gentil Kiwi'
            condition: keywords
            """);
    assertThat(
            matches(
                rule,
                Rules.process("Image", "a.exe", "CommandLine", "x SEKURLSA::LogonPasswords exit")))
        .isTrue();
    assertThat(
            matches(rule, Rules.process("Image", "a.exe", "Description", "Company: gentil kiwi")))
        .isTrue();
    assertThat(matches(rule, Rules.process("Image", "a.exe", "CommandLine", "sekurlsa"))).isFalse();
    SigmaRule all =
        processCreation(
            """
            keywords:
              '|all':
                - 'OabVirtualDirectory'
                - ' -ExternalUrl '
            condition: keywords
            """);
    assertThat(
            matches(
                all,
                Rules.process(
                    "Image", "a.exe", "CommandLine", "Set-OabVirtualDirectory -ExternalUrl x")))
        .isTrue();
    assertThat(
            matches(all, Rules.process("Image", "a.exe", "CommandLine", "Set-OabVirtualDirectory")))
        .isFalse();
  }

  @Test
  void keywordsSeeJsonEscapesDecoded() {
    SigmaRule rule =
        processCreation("keywords:\n  - 'C:\\Windows\\Temp\\a \"b\"'\ncondition: keywords");
    assertThat(matches(rule, Rules.process("Description", "in C:\\Windows\\Temp\\a \"b\" here")))
        .isTrue();
  }
}
