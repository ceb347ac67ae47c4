package io.hsystem.hunting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.eventstore.EventQuery;
import io.hsystem.protocol.EventField;
import java.util.List;
import org.junit.jupiter.api.Test;

class HuntingQueryParserTest {

  @Test
  void theSeedQueryIsANameTermAndAPathPrefix() {
    assertThat(HuntingQueryParser.parse("process_name:svchost.exe AND path:C:\\Temp\\*"))
        .isEqualTo(
            new EventQuery.And(
                List.of(
                    new EventQuery.Term(EventField.PROCESS_NAME, "svchost.exe"),
                    new EventQuery.Wildcard(EventField.PATH, "C:\\Temp\\*"))));
  }

  @Test
  void notBindsTighterThanAndAndAndTighterThanOr() {
    assertThat(HuntingQueryParser.parse("a OR b c NOT d"))
        .isEqualTo(
            new EventQuery.Or(
                List.of(
                    new EventQuery.AnyField("a"),
                    new EventQuery.And(
                        List.of(
                            new EventQuery.AnyField("b"),
                            new EventQuery.AnyField("c"),
                            new EventQuery.Not(new EventQuery.AnyField("d")))))));
  }

  @Test
  void aDashBeforeAWordIsPartOfTheWord() {
    assertThat(HuntingQueryParser.parse("command_line:-enc"))
        .isEqualTo(new EventQuery.Term(EventField.COMMAND_LINE, "-enc"));
    assertThat(HuntingQueryParser.parse("-service:ssh"))
        .isEqualTo(new EventQuery.Not(new EventQuery.Term(EventField.SERVICE, "ssh")));
  }

  @Test
  void syntaxErrorsSayWhatAndWhere() {
    assertError("process_name:", "a value is missing after 'process_name:' at position 13");
    assertError("(a OR b", "the '(' is never closed at position 0");
    assertError("a OR b)", "unexpected ')' at position 6");
    assertError(
        "procname:x",
        "unknown field 'procname' (put text in quotes to search for it) at position 0");
    assertError("dst_port:[1 1024]", "a range needs TO between its bounds at position 12");
    assertError("dst_port:[1 TO 1024", "the range is not closed with ] or } at position 9");
    assertError("dst_port:abc", "dst_port takes a whole number, not 'abc' at position 9");
    assertError(
        "dst_port:8*",
        "dst_port takes no wildcards: use a range such as dst_port:[1 TO 1024] at position 9");
    assertError("path:\"C:\\x", "the quote is never closed at position 5");
    assertError(
        "event_time:yesterday",
        "'yesterday' is not a time (use 2025-08-27, \"2025-08-27 14:25:03\" or 2025-08-27T14:25:03Z, UTC) at position 11");
    assertError("raw:x", "raw is kept for display and cannot be searched at position 0");
    assertError("a AND", "the query ends where a search term was expected at position 5");
    assertError(
        "(".repeat(40) + "a" + ")".repeat(40),
        "the query nests deeper than 32 levels at position 32");
    assertError("x".repeat(5000), "the query is longer than 4096 characters at position 4096");
  }

  private static void assertError(String query, String message) {
    assertThatThrownBy(() -> HuntingQueryParser.parse(query))
        .isInstanceOf(QuerySyntaxException.class)
        .hasMessage(message);
  }
}
