package io.hsystem.detection.sigma;

import static io.hsystem.detection.sigma.Rules.matches;
import static io.hsystem.detection.sigma.Rules.process;
import static io.hsystem.detection.sigma.Rules.processCreation;
import static io.hsystem.detection.sigma.Rules.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.protocol.Event;
import org.junit.jupiter.api.Test;

/** Condition forms: operators, precedence, parentheses, "x of" quantifiers, lists of conditions. */
class ConditionTest {

  /** Three selections on the command line: a, b and c, plus _hidden. */
  private static SigmaRule rule(String condition) {
    return processCreation(
        """
        sel_a:
          CommandLine|contains: 'aaa'
        sel_b:
          CommandLine|contains: 'bbb'
        filter_c:
          CommandLine|contains: 'ccc'
        _hidden:
          CommandLine|contains: 'zzz'
        condition: %s
        """
            .formatted(condition));
  }

  private static Event cmd(String commandLine) {
    return process("Image", "C:\\x.exe", "CommandLine", commandLine);
  }

  @Test
  void andBindsTighterThanOr() {
    SigmaRule rule = rule("sel_a or sel_b and filter_c");
    assertThat(matches(rule, cmd("aaa"))).isTrue();
    assertThat(matches(rule, cmd("bbb"))).isFalse();
    assertThat(matches(rule, cmd("bbb ccc"))).isTrue();
  }

  @Test
  void notBindsTighterThanAnd() {
    SigmaRule rule = rule("not sel_a and sel_b");
    assertThat(matches(rule, cmd("bbb"))).isTrue();
    assertThat(matches(rule, cmd("aaa bbb"))).isFalse();
    assertThat(matches(rule, cmd("ccc"))).isFalse();
  }

  @Test
  void parenthesesGroup() {
    SigmaRule rule = rule("(sel_a or sel_b) and not filter_c");
    assertThat(matches(rule, cmd("bbb"))).isTrue();
    assertThat(matches(rule, cmd("bbb ccc"))).isFalse();
    SigmaRule nested = rule("not (sel_a or (sel_b and filter_c))");
    assertThat(matches(nested, cmd("bbb"))).isTrue();
    assertThat(matches(nested, cmd("bbb ccc"))).isFalse();
  }

  @Test
  void oneOfAndAllOfAPattern() {
    SigmaRule one = rule("1 of sel_*");
    SigmaRule all = rule("all of sel_*");
    SigmaRule any = rule("any of sel_* and not 1 of filter_*");
    assertThat(matches(one, cmd("bbb"))).isTrue();
    assertThat(matches(all, cmd("bbb"))).isFalse();
    assertThat(matches(all, cmd("aaa bbb"))).isTrue();
    assertThat(matches(any, cmd("aaa"))).isTrue();
    assertThat(matches(any, cmd("aaa ccc"))).isFalse();
  }

  @Test
  void themLeavesOutIdentifiersStartingWithAnUnderscore() {
    SigmaRule all = rule("all of them");
    SigmaRule one = rule("1 of them");
    assertThat(matches(all, cmd("aaa bbb ccc"))).isTrue();
    assertThat(matches(one, cmd("zzz"))).isFalse();
    assertThat(matches(one, cmd("ccc"))).isTrue();
  }

  @Test
  void aCountAboveOneNeedsThatManyIdentifiers() {
    SigmaRule two = rule("2 of them");
    assertThat(matches(two, cmd("aaa"))).isFalse();
    assertThat(matches(two, cmd("aaa ccc"))).isTrue();
  }

  @Test
  void operatorsAreCaseInsensitive() {
    SigmaRule rule = rule("sel_a AND NOT filter_c");
    assertThat(matches(rule, cmd("aaa"))).isTrue();
    assertThat(matches(rule, cmd("aaa ccc"))).isFalse();
  }

  @Test
  void aListOfConditionsIsAnyOfThem() {
    SigmaRule rule =
        processCreation(
            """
        a:
          CommandLine|contains: 'aaa'
        b:
          CommandLine|contains: 'bbb'
        condition:
          - a
          - b
        """);
    assertThat(matches(rule, cmd("bbb"))).isTrue();
    assertThat(matches(rule, cmd("ccc"))).isFalse();
  }

  @Test
  void aListOfMapsIsAnyOfThemAndAMapIsAllOfIt() {
    SigmaRule rule =
        processCreation(
            """
        selection:
          - Image|endswith: '\\rundll32.exe'
            CommandLine|contains: 'javascript:'
          - OriginalFileName: 'RUNDLL32.EXE'
        condition: selection
        """);
    assertThat(
            matches(rule, process("Image", "C:\\w\\rundll32.exe", "CommandLine", "javascript:x")))
        .isTrue();
    assertThat(matches(rule, process("Image", "C:\\w\\rundll32.exe", "CommandLine", "x.dll")))
        .isFalse();
    assertThat(
            matches(
                rule, process("Image", "C:\\w\\renamed.exe", "OriginalFileName", "RUNDLL32.EXE")))
        .isTrue();
  }

  @Test
  void badConditionsAreRefusedWithTheReason() {
    assertThat(refusal("a:\n  Image: x\ncondition: a and b"))
        .contains("unknown search identifier 'b'");
    assertThat(refusal("a:\n  Image: x\ncondition: (a")).contains("missing ')'");
    assertThat(refusal("a:\n  Image: x\ncondition: a )")).contains("unexpected ')'");
    assertThat(refusal("a:\n  Image: x\ncondition: a and")).contains("ends where");
    assertThat(refusal("a:\n  Image: x\ncondition: a | count() > 5")).contains("aggregation");
    assertThat(refusal("a:\n  Image: x\ncondition: a near a")).contains("unexpected 'near'");
    assertThat(refusal("a:\n  Image: x\ncondition: 1 of sel*"))
        .contains("matches no search identifier");
    assertThat(refusal("a:\n  Image: x\ncondition: 3 of them")).contains("more than the 1");
    assertThat(refusal("a:\n  Image: x\ncondition: ''")).contains("condition is empty");
    assertThat(refusal("a:\n  Image: x")).contains("condition is missing");
    assertThat(refusal("a: []\ncondition: a")).contains("empty list");
  }
}
