package io.hsystem.eventstore.manticore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.eventstore.EventQuery;
import io.hsystem.eventstore.EventQuery.AnyField;
import io.hsystem.eventstore.EventQuery.Phrase;
import io.hsystem.eventstore.EventQuery.Term;
import io.hsystem.eventstore.EventQuery.Wildcard;
import io.hsystem.protocol.EventField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SphinxQL literal escaper and the MATCH() token encoding keep attacker text inert. */
class EscapingTest {

  static final List<String> HOSTILE =
      List.of(
          "'",
          "\\",
          ")",
          "@",
          "|",
          "-",
          "!",
          "\"",
          "/",
          "^",
          "$",
          "<",
          "=",
          "*",
          "?",
          "~",
          "&",
          "' OR 1=1 --",
          "\\'); DELETE FROM events; --",
          "a\") | (@has _all",
          "@* x << y",
          "x\" -\"y",
          "C:\\Temp\\*",
          "é\u0000\n\t\u2028😀");

  @Test
  void literalsEscapeBackslashAndQuoteOnly() {
    assertThat(SphinxQl.literal("plain")).isEqualTo("'plain'");
    assertThat(SphinxQl.literal("it's")).isEqualTo("'it\\'s'");
    assertThat(SphinxQl.literal("C:\\Temp\\")).isEqualTo("'C:\\\\Temp\\\\'");
    assertThat(SphinxQl.literal("\\'")).isEqualTo("'\\\\\\''");
    assertThatThrownBy(() -> SphinxQl.literal("a\0b")).isInstanceOf(IllegalArgumentException.class);
    for (String s : HOSTILE) {
      if (s.indexOf('\0') >= 0) {
        continue;
      }
      String literal = SphinxQl.literal(s);
      assertThat(unescape(literal)).as(s).isEqualTo(s);
    }
  }

  /** What SphinxQL's lexer makes of a literal: a quote ends it unless escaped. */
  private static String unescape(String literal) {
    assertThat(literal).startsWith("'").endsWith("'");
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c == '\\') {
        sb.append(literal.charAt(++i));
      } else {
        assertThat(c).as("unescaped quote inside %s", literal).isNotEqualTo('\'');
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Test
  void everyCharacterBecomesASafeToken() {
    for (String s : HOSTILE) {
      assertThat(Tokens.chars(s)).as(s).allMatch(t -> t.matches("[0-9a-z]|_x[0-9a-f]+"));
      assertThat(Tokens.valueText(s)).as(s).matches("[0-9a-z_ ]+");
    }
    assertThat(Tokens.chars("A\\b")).containsExactly("a", "_x5c", "b");
    assertThat(Tokens.chars("😀")).containsExactly("_x1f600");
  }

  @Test
  void wordsAreRunsOfLettersAndDigits() {
    assertThat(Tokens.words("mimikatz.exe \"sekurlsa::logonpasswords\" -Enc ÄBC"))
        .containsExactly("mimikatz", "exe", "sekurlsa", "logonpasswords", "enc", "äbc");
    assertThat(Tokens.words(" -- ")).isEmpty();
  }

  @Test
  void hostileQueryValuesOnlyProduceGeneratedSyntax() {
    for (String s : HOSTILE) {
      for (EventQuery q :
          List.of(
              new Term(EventField.HOST_NAME, s),
              new Term(EventField.COMMAND_LINE, s),
              new Phrase(EventField.COMMAND_LINE, s),
              new Phrase(null, s),
              new Wildcard(EventField.PATH, s),
              new AnyField(s))) {
        String match = QueryTranslator.translate(q);
        if (match != null) {
          // operators appear only as the translator writes them, never from the value
          assertThat(match).as("%s", q).matches("[0-9a-z_ \"()|@,*-]+");
          assertThat(match.replaceAll("\"[0-9a-z_ *]*\"", "")).as("%s", q).doesNotContain("*");
        }
      }
    }
  }

  @Test
  void wildcardShapesWithoutAnExactPhraseAreLeftToJava() {
    assertThat(QueryTranslator.translate(new Wildcard(EventField.PATH, "c:\\*\\*.exe"))).isNull();
    assertThat(QueryTranslator.translate(new Wildcard(EventField.PATH, "*?.exe"))).isNull();
    assertThat(QueryTranslator.translate(new Wildcard(EventField.PATH, "???"))).isNotNull();
    assertThat(QueryTranslator.translate(new AnyField("mi?i*"))).isNull();
    assertThat(QueryTranslator.translate(new Wildcard(EventField.PATH, "c:\\temp\\*")))
        .isEqualTo("(@(path) \"_s c _x3a _x5c t e m p _x5c\")");
  }

  @Test
  void globMatchesWholeValues() {
    assertThat(EventMatcher.glob("c:\\temp\\a.exe", "C:\\Temp\\*")).isTrue();
    assertThat(EventMatcher.glob("cmd.exe", "???.exe")).isTrue();
    assertThat(EventMatcher.glob("cmdx.exe", "???.exe")).isFalse();
    assertThat(EventMatcher.glob("aba", "*ab*ba*")).isFalse();
    assertThat(EventMatcher.glob("abba", "*ab*ba*")).isTrue();
  }
}
