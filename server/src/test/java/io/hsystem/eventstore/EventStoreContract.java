package io.hsystem.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.eventstore.EventQuery.And;
import io.hsystem.eventstore.EventQuery.AnyField;
import io.hsystem.eventstore.EventQuery.Cidr;
import io.hsystem.eventstore.EventQuery.Exists;
import io.hsystem.eventstore.EventQuery.MatchAll;
import io.hsystem.eventstore.EventQuery.Not;
import io.hsystem.eventstore.EventQuery.Or;
import io.hsystem.eventstore.EventQuery.Phrase;
import io.hsystem.eventstore.EventQuery.Range;
import io.hsystem.eventstore.EventQuery.Term;
import io.hsystem.eventstore.EventQuery.Wildcard;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link EventStore} backend must have. A backend's test extends this class and
 * says how to open a store on a folder.
 */
public abstract class EventStoreContract {

  protected static final Instant DAY1 = Instant.parse("2025-08-25T10:00:00Z");
  protected static final Instant DAY2 = Instant.parse("2025-08-26T10:00:00Z");
  protected static final Instant DAY3 = Instant.parse("2025-08-27T14:25:03Z");

  @TempDir protected Path dir;
  protected EventStore store;

  /** Opens (or reopens) a store whose data lives in {@code dir}. */
  protected abstract EventStore open(Path dir) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open(dir);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** Ten events over three days, with the shapes analysts search for. */
  protected static List<Event> sample() {
    List<Event> events = new ArrayList<>();
    events.add(
        process(
            "e1",
            DAY3,
            "svchost.exe",
            "C:\\Temp\\svchost.exe",
            "C:\\Temp\\svchost.exe -k netsvcs",
            "WIN-SERVER-01",
            "10.0.0.5",
            "10.0.0.5",
            "185.220.101.4",
            443L));
    events.add(
        process(
            "e2",
            DAY3.plusSeconds(1),
            "svchost.exe",
            "C:\\Windows\\System32\\svchost.exe",
            "C:\\Windows\\system32\\svchost.exe -k DcomLaunch",
            "WIN-SERVER-01",
            "10.0.0.5",
            null,
            null,
            null));
    events.add(
        process(
            "e3",
            DAY3.plusSeconds(2),
            "mimikatz.exe",
            "C:\\Users\\Bob\\Downloads\\mimikatz.exe",
            "mimikatz.exe \"privilege::debug\" \"sekurlsa::logonpasswords\" exit",
            "WS-BOB",
            "10.0.1.20",
            null,
            null,
            null));
    events.add(
        process(
            "e4",
            DAY3.plusSeconds(3),
            "powershell.exe",
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
            "powershell.exe -NoP -W Hidden -Enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA",
            "WS-BOB",
            "10.0.1.20",
            "10.0.1.20",
            "203.0.113.9",
            8080L));
    events.add(
        process(
            "e5",
            DAY2,
            "notepad.exe",
            "C:\\Program Files\\Notepad++\\notepad++.exe",
            "\"C:\\Program Files\\Notepad++\\notepad++.exe\" C:\\Users\\Bob\\notes.txt",
            "WS-BOB",
            "10.0.1.20",
            null,
            null,
            null));
    events.add(
        process(
            "e6",
            DAY2.plusSeconds(10),
            "cmd.exe",
            "C:\\Temp2\\cmd.exe",
            "cmd.exe /c whoami",
            "WS-ALICE",
            "10.0.2.30",
            null,
            null,
            null));
    events.add(
        process(
            "e7",
            DAY1,
            "rundll32.exe",
            "c:\\temp\\rundll32.exe",
            "rundll32.exe C:\\Temp\\payload.dll,EntryPoint",
            "WS-ALICE",
            "10.0.2.30",
            null,
            null,
            null));
    events.add(
        honeypot(
            "e8",
            DAY3.plusSeconds(4),
            "login_attempt",
            "ssh",
            "45.141.84.12",
            2222L,
            "root",
            "123456"));
    events.add(
        honeypot(
            "e9",
            DAY3.plusSeconds(5),
            "login_attempt",
            "ssh",
            "45.141.84.12",
            2222L,
            "admin",
            "admin"));
    events.add(
        honeypot(
            "e10", DAY2.plusSeconds(20), "connection", "redis", "2001:db8::7", 6380L, null, null));
    return events;
  }

  protected static Event process(
      String id,
      Instant time,
      String name,
      String path,
      String commandLine,
      String host,
      String hostIp,
      String srcIp,
      String dstIp,
      Long dstPort) {
    Event e =
        new Event()
            .set(EventField.EVENT_ID, id)
            .set(EventField.EVENT_TIME, time)
            .set(EventField.INGEST_TIME, time.plusMillis(250))
            .set(EventField.EVENT_TYPE, dstIp == null ? "process_start" : "network_connection")
            .set(EventField.EVENT_CATEGORY, dstIp == null ? "process" : "network")
            .set(EventField.SOURCE_TYPE, "sysmon")
            .set(EventField.ASSET_ID, host.equals("WIN-SERVER-01") ? 1L : 2L)
            .set(EventField.HOST_NAME, host)
            .set(EventField.HOST_IP, hostIp)
            .set(EventField.PROCESS_NAME, name)
            .set(EventField.PATH, path)
            .set(EventField.COMMAND_LINE, commandLine)
            .set(EventField.PROCESS_ID, 4000L + id.length())
            .set(EventField.USER, "CORP\\bob")
            .set(EventField.SRC_IP, srcIp)
            .set(EventField.DST_IP, dstIp)
            .set(EventField.DST_PORT, dstPort);
    e.set(
        EventField.RAW, "{\"EventID\": 1, \"Image\": " + quote(path) + ", \"id\": \"" + id + "\"}");
    return e;
  }

  protected static Event honeypot(
      String id,
      Instant time,
      String type,
      String service,
      String srcIp,
      Long dstPort,
      String username,
      String password) {
    return new Event()
        .set(EventField.EVENT_ID, id)
        .set(EventField.EVENT_TIME, time)
        .set(EventField.EVENT_TYPE, type)
        .set(EventField.EVENT_CATEGORY, "honeypot")
        .set(EventField.SOURCE_TYPE, "hsystem_sensor")
        .set(EventField.SERVICE, service)
        .set(EventField.SRC_IP, srcIp)
        .set(EventField.SRC_PORT, 50000L + id.length())
        .set(EventField.DST_PORT, dstPort)
        .set(EventField.USERNAME, username)
        .set(EventField.PASSWORD, password)
        .set(EventField.RAW, "{\"eventid\": \"" + type + "\", \"src_ip\": \"" + srcIp + "\"}");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  protected void load() {
    store.append(sample(), 10);
    store.refresh();
  }

  /** Ids of the events matching, newest first. */
  protected List<String> ids(EventQuery query) {
    return ids(query, TimeRange.ALL);
  }

  protected List<String> ids(EventQuery query, TimeRange range) {
    SearchResult result = store.search(new EventSearch(query, range, 0, 100, false));
    List<String> ids = result.events().stream().map(e -> e.getString(EventField.EVENT_ID)).toList();
    assertThat(result.total()).as("total agrees with the hits").isEqualTo(ids.size());
    return ids;
  }

  @Test
  void appendedEventsComeBackWithEveryFieldAndTheRawRecordVerbatim() {
    load();
    SearchResult result =
        store.search(
            new EventSearch(new Term(EventField.EVENT_ID, "e5"), TimeRange.ALL, 0, 10, false));
    assertThat(result.total()).isEqualTo(1);
    Event e = result.events().get(0);
    Event expected = sample().get(4);
    for (EventField field : EventField.values()) {
      assertThat(e.get(field)).as(field.fieldName()).isEqualTo(expected.get(field));
    }
    assertThat(store.count()).isEqualTo(10);
    assertThat(store.sizeOnDisk()).isPositive();
  }

  @Test
  void keywordTermsMatchCaseInsensitivelyAndKeepTheOriginalCase() {
    load();
    assertThat(ids(new Term(EventField.PROCESS_NAME, "SVCHOST.EXE"))).containsExactly("e2", "e1");
    assertThat(ids(new Term(EventField.HOST_NAME, "ws-alice"))).containsExactly("e6", "e7");
    assertThat(ids(new Term(EventField.USER, "corp\\BOB"))).hasSize(7);
    Event e =
        store
            .search(
                new EventSearch(
                    new Term(EventField.HOST_NAME, "ws-alice"), TimeRange.ALL, 0, 1, false))
            .events()
            .get(0);
    assertThat(e.getString(EventField.HOST_NAME)).isEqualTo("WS-ALICE");
  }

  @Test
  void aWindowsPathPrefixMatchesAsTheAnalystTypesIt() {
    load();
    assertThat(ids(new Wildcard(EventField.PATH, "C:\\Temp\\*"))).containsExactly("e1", "e7");
    assertThat(
            ids(
                new And(
                    List.of(
                        new Term(EventField.PROCESS_NAME, "svchost.exe"),
                        new Wildcard(EventField.PATH, "C:\\Temp\\*")))))
        .containsExactly("e1");
    assertThat(ids(new Wildcard(EventField.PATH, "c:\\program files\\*"))).containsExactly("e5");
    assertThat(ids(new Wildcard(EventField.PATH, "*\\system32\\*"))).containsExactly("e4", "e2");
  }

  @Test
  void leadingAndInnerWildcardsMatchAnywhereInTheValue() {
    load();
    assertThat(ids(new Wildcard(EventField.COMMAND_LINE, "*logonpasswords*")))
        .containsExactly("e3");
    assertThat(ids(new Wildcard(EventField.COMMAND_LINE, "*MIMIKATZ*"))).containsExactly("e3");
    assertThat(ids(new Wildcard(EventField.PROCESS_NAME, "???.exe"))).containsExactly("e6");
    assertThat(ids(new Wildcard(EventField.PROCESS_NAME, "*.exe"))).hasSize(7);
    assertThat(ids(new Wildcard(EventField.HOST_NAME, "ws-*"))).hasSize(5);
  }

  @Test
  void textFieldsMatchWordsAndPhrases() {
    load();
    assertThat(ids(new Term(EventField.COMMAND_LINE, "whoami"))).containsExactly("e6");
    assertThat(ids(new Term(EventField.COMMAND_LINE, "-ENC"))).containsExactly("e4");
    assertThat(ids(new Phrase(EventField.COMMAND_LINE, "-k netsvcs"))).containsExactly("e1");
    assertThat(ids(new Phrase(EventField.COMMAND_LINE, "netsvcs -k"))).isEmpty();
    assertThat(ids(new Phrase(EventField.PATH, "C:\\Program Files\\Notepad++\\notepad++.exe")))
        .containsExactly("e5");
    assertThat(ids(new Phrase(EventField.PATH, "Program Files"))).isEmpty();
  }

  @Test
  void numbersTimesAndAddressesMatchByRangeAndCidr() {
    load();
    assertThat(ids(new Term(EventField.DST_PORT, "443"))).containsExactly("e1");
    assertThat(ids(new Range(EventField.DST_PORT, "1", "1024", true, true))).containsExactly("e1");
    assertThat(ids(new Range(EventField.DST_PORT, "2222", null, true, false)))
        .containsExactly("e9", "e8", "e4", "e10");
    assertThat(ids(new Range(EventField.DST_PORT, "2222", "8080", false, false)))
        .containsExactly("e10");
    assertThat(ids(new Range(EventField.EVENT_TIME, DAY2.toString(), DAY3.toString(), true, false)))
        .containsExactly("e10", "e6", "e5");
    assertThat(ids(new Cidr(EventField.HOST_IP, "10.0.0.0/8"))).hasSize(7);
    assertThat(ids(new Cidr(EventField.HOST_IP, "10.0.1.0/24"))).containsExactly("e4", "e3", "e5");
    assertThat(ids(new Cidr(EventField.SRC_IP, "2001:db8::/32"))).containsExactly("e10");
    assertThat(ids(new Term(EventField.SRC_IP, "45.141.84.12"))).containsExactly("e9", "e8");
    assertThat(ids(new Range(EventField.DST_IP, "185.0.0.0", "199.255.255.255", true, true)))
        .containsExactly("e1");
  }

  @Test
  void booleanLogicExistsAndAnyFieldCombine() {
    load();
    assertThat(
            ids(
                new And(
                    List.of(
                        new Term(EventField.HOST_NAME, "ws-bob"),
                        new Not(new Term(EventField.PROCESS_NAME, "mimikatz.exe"))))))
        .containsExactly("e4", "e5");
    assertThat(
            ids(
                new Or(
                    List.of(
                        new Term(EventField.SERVICE, "redis"),
                        new Term(EventField.USERNAME, "root")))))
        .containsExactly("e8", "e10");
    assertThat(ids(new Not(new Exists(EventField.HOST_NAME)))).containsExactly("e9", "e8", "e10");
    assertThat(ids(new Exists(EventField.DST_IP))).containsExactly("e4", "e1");
    // words are runs of letters and digits: "sekurlsa::logonpasswords" holds two
    assertThat(ids(new AnyField("sekurlsa"))).containsExactly("e3");
    assertThat(ids(new AnyField("logonpasswords"))).containsExactly("e3");
    assertThat(ids(new AnyField("WS-ALICE"))).containsExactly("e6", "e7");
    assertThat(ids(new AnyField("mimi*"))).containsExactly("e3");
    assertThat(ids(new MatchAll())).hasSize(10);
  }

  @Test
  void timeRangeSortAndPagingAreExact() {
    load();
    TimeRange day3 = new TimeRange(DAY3, DAY3.plus(Duration.ofDays(1)));
    assertThat(ids(new MatchAll(), day3)).containsExactly("e9", "e8", "e4", "e3", "e2", "e1");
    SearchResult page = store.search(new EventSearch(new MatchAll(), TimeRange.ALL, 2, 3, false));
    assertThat(page.total()).isEqualTo(10);
    assertThat(page.events())
        .extracting(e -> e.getString(EventField.EVENT_ID))
        .containsExactly("e4", "e3", "e2");
    SearchResult oldest = store.search(new EventSearch(new MatchAll(), TimeRange.ALL, 0, 2, true));
    assertThat(oldest.events())
        .extracting(e -> e.getString(EventField.EVENT_ID))
        .containsExactly("e7", "e5");
  }

  /** Ties are broken by value, ascending. */
  @Test
  void topValuesAndHistogramsCountMatchingEvents() {
    load();
    assertThat(store.topValues(EventField.HOST_NAME, new MatchAll(), TimeRange.ALL, 2))
        .containsExactly(new ValueCount("WS-BOB", 3), new ValueCount("WIN-SERVER-01", 2));
    // command lines are nearly unique: counted from the stored events, still exact
    assertThat(
            store.topValues(
                EventField.COMMAND_LINE,
                new Term(EventField.HOST_NAME, "ws-alice"),
                TimeRange.ALL,
                5))
        .containsExactly(
            new ValueCount("cmd.exe /c whoami", 1),
            new ValueCount("rundll32.exe C:\\Temp\\payload.dll,EntryPoint", 1));
    assertThat(
            store.topValues(
                EventField.SRC_IP,
                new Term(EventField.EVENT_CATEGORY, "honeypot"),
                TimeRange.ALL,
                5))
        .containsExactly(new ValueCount("45.141.84.12", 2), new ValueCount("2001:db8::7", 1));
    assertThat(store.histogram(new MatchAll(), TimeRange.ALL, Duration.ofDays(1)))
        .containsExactly(
            new TimeCount(Instant.parse("2025-08-25T00:00:00Z"), 1),
            new TimeCount(Instant.parse("2025-08-26T00:00:00Z"), 3),
            new TimeCount(Instant.parse("2025-08-27T00:00:00Z"), 6));
  }

  /**
   * The analyst's query language end to end: each query string, parsed by hunting, gives exactly
   * these events (newest first) on every backend.
   */
  @Test
  void huntingQueriesFindTheExpectedEvents() {
    load();
    String[][] cases = {
      {"process_name:svchost.exe AND path:C:\\Temp\\*", "e1"},
      {"process_name:svchost.exe", "e2 e1"},
      {"process.name:SVCHOST.EXE", "e2 e1"},
      {"path:C:\\Temp\\*", "e1 e7"},
      {"path:c:\\temp\\*", "e1 e7"},
      {"path:\"C:\\Program Files\\Notepad++\\notepad++.exe\"", "e5"},
      {"path:\"C:\\Program Files\\*\"", "e5"},
      {"path:*\\System32\\*", "e4 e2"},
      {"command_line:*mimikatz*", "e3"},
      {"command_line:*sekurlsa\\:\\:*", ""},
      {"command_line:*sekurlsa::*", "e3"},
      {"command_line:\"\\\"privilege::debug\\\"\"", "e3"},
      {"command_line:whoami", "e6"},
      {"command_line:\"-k netsvcs\"", "e1"},
      {"process.command_line:*-enc*", "e4"},
      {"mimikatz", "e3"},
      {"\"sekurlsa logonpasswords\"", "e3"},
      {"WS-ALICE", "e6 e7"},
      {"process_name:???.exe", "e6"},
      {"host_name:ws-* AND NOT process_name:mimikatz.exe", "e4 e6 e5 e7"},
      {"host_name:ws-bob -process_name:mimikatz.exe", "e4 e5"},
      {"host_name:ws-bob !process_name:notepad.exe", "e4 e3"},
      {"service:redis OR username:root", "e8 e10"},
      {"(service:redis OR username:root) AND src_ip:45.141.84.12", "e8"},
      {"service:(redis OR ssh)", "e9 e8 e10"},
      {"src_ip:10.0.0.0/8", "e4 e1"},
      {"host_ip:10.0.1.0/24", "e4 e3 e5"},
      {"source.ip:2001:db8::/32", "e10"},
      {"src_ip:45.141.84.12", "e9 e8"},
      {"dst_port:[1 TO 1024]", "e1"},
      {"dst_port:{2222 TO 8080}", "e10"},
      {"dst_port:[6380 TO *]", "e4 e10"},
      {"dst_port:>=8080", "e4"},
      {"dst_port:<2222", "e1"},
      {"destination.ip:[185.0.0.0 TO 199.255.255.255]", "e1"},
      {"event_time:[2025-08-26 TO 2025-08-26]", "e10 e6 e5"},
      {"event_time:[\"2025-08-27 14:25:03\" TO \"2025-08-27 14:25:04\"]", "e2 e1"},
      {"event_time:2025-08-25", "e7"},
      {"dst_ip:*", "e4 e1"},
      {"NOT host_name:*", "e9 e8 e10"},
      {"user:\"CORP\\\\bob\" AND event_category:network", "e4 e1"},
      {"user:CORP\\bob AND event_category:network", "e4 e1"},
      {"event_type:login_attempt AND (username:admin OR password:123456)", "e9 e8"},
      {"", "e9 e8 e4 e3 e2 e1 e10 e6 e5 e7"},
    };
    List<String> wrong = new ArrayList<>();
    for (String[] c : cases) {
      EventQuery query = io.hsystem.hunting.HuntingQueryParser.parse(c[0]);
      String actual = String.join(" ", ids(query));
      if (!actual.equals(c[1])) {
        wrong.add(c[0] + " → [" + actual + "], expected [" + c[1] + "]");
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theDurableCheckpointSurvivesAReopen() throws Exception {
    assertThat(store.durableCheckpoint()).isZero();
    store.append(sample().subList(0, 5), 5);
    store.commit();
    store.append(sample().subList(5, 10), 10);
    store.commit();
    store.close();
    store = open(dir);
    assertThat(store.durableCheckpoint()).isEqualTo(10);
    store.refresh();
    assertThat(store.count()).isEqualTo(10);
  }

  @Test
  void retentionDeletesEventsOlderThanTheCutoff() {
    load();
    store.commit();
    store.deleteBefore(DAY2.minus(Duration.ofHours(12)));
    store.refresh();
    assertThat(ids(new MatchAll())).doesNotContain("e7").hasSize(9);
  }
}
