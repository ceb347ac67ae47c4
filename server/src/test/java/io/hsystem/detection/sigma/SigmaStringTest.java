package io.hsystem.detection.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Wildcards and the escapes of the Sigma specification. */
class SigmaStringTest {

  @Test
  void starAndQuestionMarkAreWildcards() {
    // a backslash before a wildcard is written doubled, else it escapes the wildcard
    SigmaString s = SigmaString.parse("C:\\Users\\\\*\\AppData\\\\?oaming\\\\*.exe");
    assertThat(s.matches("c:\\users\\bob\\appdata\\Roaming\\x.EXE", false)).isTrue();
    assertThat(s.matches("C:\\Users\\bob\\AppData\\Local\\x.exe", false)).isFalse();
    assertThat(s.matches("C:\\Users\\bob\\AppData\\Roaming\\x.exe", true)).isTrue();
    assertThat(s.matches("c:\\users\\bob\\appdata\\roaming\\x.exe", true)).isFalse();
  }

  @Test
  void aSingleBackslashBeforeAnOrdinaryCharacterStays() {
    SigmaString s = SigmaString.parse("C:\\Windows\\");
    assertThat(s.plain()).isEqualTo("C:\\Windows\\");
    assertThat(s.hasWildcards()).isFalse();
  }

  @Test
  void escapedWildcardsAreLiteral() {
    SigmaString star = SigmaString.parse("a\\*b");
    assertThat(star.hasWildcards()).isFalse();
    assertThat(star.matches("a*b", false)).isTrue();
    assertThat(star.matches("axb", false)).isFalse();
    assertThat(SigmaString.parse("what\\?").matches("what?", false)).isTrue();
    assertThat(SigmaString.parse("what\\?").matches("whatx", false)).isFalse();
  }

  @Test
  void anEscapedBackslashBeforeAWildcardKeepsTheWildcard() {
    // \\* : a backslash followed by the * wildcard
    SigmaString s = SigmaString.parse("dir\\\\*");
    assertThat(s.matches("dir\\anything", false)).isTrue();
    assertThat(s.matches("dirx", false)).isFalse();
    // \\\* : a backslash and a literal star
    SigmaString both = SigmaString.parse("dir\\\\\\*");
    assertThat(both.matches("dir\\*", false)).isTrue();
    assertThat(both.matches("dir\\x", false)).isFalse();
    // \\\\ : two backslashes
    assertThat(SigmaString.parse("\\\\\\\\server").plain()).isEqualTo("\\\\server");
  }

  @Test
  void literalShapesAreTheAutomatonsFourPlacements() {
    assertThat(SigmaString.parse("*abc*").literalShape())
        .isEqualTo(new SigmaString.LiteralShape(LiteralKind.CONTAINS, "abc"));
    assertThat(SigmaString.parse("abc*").literalShape().kind()).isEqualTo(LiteralKind.STARTS_WITH);
    assertThat(SigmaString.parse("*abc").literalShape().kind()).isEqualTo(LiteralKind.ENDS_WITH);
    assertThat(SigmaString.parse("abc").literalShape().kind()).isEqualTo(LiteralKind.EQUALS);
    assertThat(SigmaString.parse("a*c").literalShape()).isNull();
    assertThat(SigmaString.parse("*").literalShape()).isNull();
    assertThat(SigmaString.parse("*").matchesAnything()).isTrue();
  }

  @Test
  void theGeneralMatcherBacktracksOnlyLinearlyPerStar() {
    SigmaString s = SigmaString.parse("*a*a*a*a*a*a*a*a*b");
    long start = System.nanoTime();
    assertThat(s.matches("a".repeat(20_000), false)).isFalse();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
  }

  @Test
  void literalRunsAreWhatEveryMatchContains() {
    assertThat(SigmaString.parse("*\\temp\\\\*.ps?1").literalRuns())
        .containsExactly("\\temp\\", ".ps", "1");
  }
}
