package io.hsystem.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.shared.Severity;
import io.hsystem.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IocMatcherTest {

  private static final Instant NOW = Instant.parse("2025-08-27T06:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final List<Ioc> stored = new CopyOnWriteArrayList<>();
  private final IocMatcher matcher = new IocMatcher(() -> stored, clock, Duration.ofHours(1));
  private long nextId = 1;

  @AfterEach
  void close() {
    matcher.close();
  }

  private Ioc ioc(IocType type, String value) {
    return ioc(type, value, "feed", null);
  }

  private Ioc ioc(IocType type, String value, String source, Instant expiresAt) {
    Ioc ioc =
        new Ioc(
            nextId++,
            type,
            value,
            source,
            70,
            Severity.HIGH,
            List.of("tag-" + value),
            "about " + value,
            NOW,
            NOW,
            expiresAt,
            0,
            null,
            NOW,
            NOW);
    stored.add(ioc);
    return ioc;
  }

  private static Event event(Object... fieldsAndValues) {
    Event event = new Event();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      event.set((EventField) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return event;
  }

  /** {@code id field matched} per hit. */
  private List<String> hits(Event event) {
    return matcher.match(event).stream()
        .map(h -> h.iocId() + " " + h.field().fieldName() + " " + h.matchedValue())
        .toList();
  }

  @Test
  void anAddressMatchesInAnyOfTheThreeIpFieldsWhateverItsSpelling() {
    ioc(IocType.IP, "198.51.100.23");
    ioc(IocType.IP, "2001:db8::7");
    matcher.refresh();

    assertThat(hits(event(EventField.SRC_IP, "198.51.100.23")))
        .containsExactly("1 src_ip 198.51.100.23");
    assertThat(hits(event(EventField.DST_IP, "198.51.100.23")))
        .containsExactly("1 dst_ip 198.51.100.23");
    assertThat(hits(event(EventField.HOST_IP, "2001:DB8:0:0::7")))
        .containsExactly("2 host_ip 2001:DB8:0:0::7");
    assertThat(hits(event(EventField.SRC_IP, "::ffff:198.51.100.23"))).hasSize(1);
    assertThat(hits(event(EventField.SRC_IP, "198.51.100.24", EventField.DST_IP, "2001:db8::8")))
        .isEmpty();
  }

  @Test
  void aHitCarriesTheIndicatorsContext() {
    Ioc c2 = ioc(IocType.IP, "198.51.100.23");
    matcher.refresh();

    assertThat(matcher.match(event(EventField.DST_IP, "198.51.100.23")))
        .containsExactly(
            new IocHit(
                c2.id(),
                IocType.IP,
                "198.51.100.23",
                "feed",
                70,
                Severity.HIGH,
                List.of("tag-198.51.100.23"),
                "about 198.51.100.23",
                EventField.DST_IP,
                "198.51.100.23"));
  }

  @Test
  void networksMatchTheAddressesTheyHoldInIpv4AndIpv6() {
    ioc(IocType.CIDR, "203.0.113.0/24");
    ioc(IocType.CIDR, "203.0.0.0/16");
    ioc(IocType.IP, "203.0.113.77");
    ioc(IocType.CIDR, "2001:db8:ab00::/40");
    ioc(IocType.CIDR, "10.0.0.0/8");
    matcher.refresh();

    assertThat(hits(event(EventField.SRC_IP, "203.0.113.77")))
        .containsExactly("3 src_ip 203.0.113.77", "1 src_ip 203.0.113.77", "2 src_ip 203.0.113.77");
    assertThat(hits(event(EventField.SRC_IP, "203.0.114.1")))
        .containsExactly("2 src_ip 203.0.114.1");
    assertThat(hits(event(EventField.SRC_IP, "203.1.0.1"))).isEmpty();
    assertThat(hits(event(EventField.DST_IP, "2001:db8:abff:ffff::1")))
        .containsExactly("4 dst_ip 2001:db8:abff:ffff::1");
    assertThat(hits(event(EventField.DST_IP, "2001:db8:ac00::1"))).isEmpty();
    assertThat(hits(event(EventField.DST_IP, "10.255.255.255"))).hasSize(1);
    assertThat(hits(event(EventField.DST_IP, "11.0.0.0"))).isEmpty();
  }

  @Test
  void aDomainMatchesItselfAndItsSubdomainsOnly() {
    ioc(IocType.DOMAIN, "evil.example");
    ioc(IocType.DOMAIN, "xn--bcher-kva.test");
    matcher.refresh();

    assertThat(hits(event(EventField.DNS_QUERY, "a.b.evil.example")))
        .containsExactly("1 dns_query a.b.evil.example");
    assertThat(hits(event(EventField.DNS_QUERY, "EVIL.Example.")))
        .containsExactly("1 dns_query evil.example");
    assertThat(hits(event(EventField.DNS_QUERY, "www.bücher.test"))).hasSize(1);
    assertThat(hits(event(EventField.DNS_QUERY, "notevil.example"))).isEmpty();
    assertThat(hits(event(EventField.DNS_QUERY, "evil.example.org"))).isEmpty();
    assertThat(hits(event(EventField.DNS_QUERY, "example"))).isEmpty();
  }

  @Test
  void aUrlMatchesExactlyAndByItsHost() {
    ioc(IocType.URL, "http://evil.example/gate.php?id=1");
    ioc(IocType.DOMAIN, "bad.example");
    ioc(IocType.IP, "198.51.100.23");
    ioc(IocType.IP, "2001:db8::1");
    matcher.refresh();

    assertThat(hits(event(EventField.URL, "HTTP://EVIL.example/gate.php?id=1")))
        .containsExactly("1 url http://evil.example/gate.php?id=1");
    assertThat(hits(event(EventField.URL, "http://evil.example/gate.php?id=2"))).isEmpty();
    assertThat(hits(event(EventField.URL, "https://user@cdn.bad.example:8443/x.zip")))
        .containsExactly("2 url https://user@cdn.bad.example:8443/x.zip");
    assertThat(hits(event(EventField.URL, "http://198.51.100.23:8080/bins/x86")))
        .containsExactly("3 url http://198.51.100.23:8080/bins/x86");
    assertThat(hits(event(EventField.URL, "http://[2001:db8::1]/"))).hasSize(1);
    assertThat(hits(event(EventField.URL, "/gate.php?id=1"))).isEmpty();
  }

  @Test
  void hashesMatchFromTheHashFieldAndFromASysmonHashesValue() {
    ioc(IocType.SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ioc(IocType.MD5, "900150983cd24fb0d6963f7d28e17f72");
    ioc(IocType.SHA1, "a9993e364706816aba3e25717850c26c9cd0d89d");
    // an IMPHASH (import table hash) is not a file hash: an MD5 indicator equal to it must not
    // match
    ioc(IocType.MD5, "00000000000000000000000000000000");
    matcher.refresh();

    assertThat(
            hits(
                event(
                    EventField.HASH_SHA256,
                    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")))
        .containsExactly(
            "1 hash_sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    String json =
        "{\"EventID\":1,\"Image\":\"C:\\\\x.exe\",\"Hashes\":\"SHA1=A9993E364706816ABA3E25717850C26C9CD0D89D,"
            + "MD5=900150983CD24FB0D6963F7D28E17F72,SHA256=E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855,"
            + "IMPHASH=00000000000000000000000000000000\",\"User\":\"CORP\\\\bob\"}";
    assertThat(
            hits(
                event(
                    EventField.HASH_SHA256,
                    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                    EventField.RAW,
                    json)))
        .containsExactly(
            "1 hash_sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "3 raw a9993e364706816aba3e25717850c26c9cd0d89d",
            "2 raw 900150983cd24fb0d6963f7d28e17f72");
    String xml =
        "<Event><EventData><Data Name=\"Hashes\">MD5=900150983CD24FB0D6963F7D28E17F72</Data>"
            + "</EventData></Event>";
    assertThat(hits(event(EventField.RAW, xml)))
        .containsExactly("2 raw 900150983cd24fb0d6963f7d28e17f72");
    assertThat(
            hits(
                event(
                    EventField.RAW, "{\"CommandLine\":\"echo 900150983cd24fb0d6963f7d28e17f72\"}")))
        .isEmpty();
  }

  @Test
  void expiredIndicatorsNeverMatchEvenBeforeTheNextRebuild() {
    ioc(IocType.IP, "198.51.100.1", "feed", NOW.plus(Duration.ofHours(1)));
    ioc(IocType.IP, "198.51.100.2", "feed", NOW.minusSeconds(1));
    ioc(IocType.IP, "198.51.100.3", "feed", null);
    matcher.refresh();

    assertThat(matcher.size()).isEqualTo(2);
    assertThat(hits(event(EventField.SRC_IP, "198.51.100.1"))).hasSize(1);
    assertThat(hits(event(EventField.SRC_IP, "198.51.100.2"))).isEmpty();

    clock.advance(Duration.ofHours(1));
    assertThat(hits(event(EventField.SRC_IP, "198.51.100.1"))).isEmpty();
    assertThat(hits(event(EventField.SRC_IP, "198.51.100.3"))).hasSize(1);
    matcher.refresh();
    assertThat(matcher.size()).isEqualTo(1);
  }

  @Test
  void oneHitPerIndicatorAndOnePerSource() {
    ioc(IocType.IP, "198.51.100.23", "feed-a", null);
    ioc(IocType.IP, "198.51.100.23", "feed-b", null);
    matcher.refresh();

    assertThat(hits(event(EventField.SRC_IP, "198.51.100.23", EventField.DST_IP, "198.51.100.23")))
        .containsExactly("1 src_ip 198.51.100.23", "2 src_ip 198.51.100.23");
  }

  @Test
  void changesAppearOnlyOnceTheIndexIsRebuilt() throws Exception {
    matcher.refresh();
    ioc(IocType.DOMAIN, "late.example");
    Event query = event(EventField.DNS_QUERY, "late.example");
    assertThat(hits(query)).isEmpty();

    matcher.refreshWithin(Duration.ofMillis(50));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (hits(query).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(hits(query)).hasSize(1);
  }

  @Test
  void lookupsAnswerForOneValueWithoutAnEventField() {
    ioc(IocType.DOMAIN, "evil.example");
    ioc(IocType.CIDR, "203.0.113.0/24");
    matcher.refresh();

    assertThat(matcher.lookup(IocType.DOMAIN, "www.evil.example"))
        .extracting(IocHit::iocId, IocHit::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, null));
    assertThat(matcher.lookup(IocType.IP, "203.0.113.9")).hasSize(1);
    assertThat(matcher.lookup(IocType.CIDR, "203.0.113.0/24")).hasSize(1);
    assertThat(matcher.lookup(IocType.CIDR, "203.0.0.0/16")).isEmpty();
  }

  /**
   * The benchmark's shape at test size: 100,000 indicators of every kind, events drawn so that a
   * known number match. Asserts what matches, not how fast ({@code bench/IocMatchBenchmark} does).
   */
  @Test
  void aHundredThousandIndicatorsAnswerEveryKindOfQueryCorrectly() {
    List<Ioc> many = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) {
      many.add(
          generated(IocType.IP, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
      many.add(generated(IocType.DOMAIN, "host" + i + ".example"));
      many.add(generated(IocType.SHA256, String.format("%064x", i)));
      many.add(generated(IocType.CIDR, "11." + (i >> 8 & 255) + "." + (i & 255) + ".0/24"));
    }
    stored.addAll(many);
    matcher.refresh();
    assertThat(matcher.size()).isEqualTo(100_000);

    int matched = 0;
    for (int i = 0; i < 50_000; i++) {
      Event e =
          event(
              EventField.SRC_IP, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255),
              EventField.DNS_QUERY, "www.host" + i + ".example",
              EventField.HASH_SHA256, String.format("%064X", i));
      matched += matcher.match(e).size();
    }
    // indicators 0..24,999 of the three exact kinds match once each; the others never
    assertThat(matched).isEqualTo(3 * 25_000);
    assertThat(hits(event(EventField.DST_IP, "11.97.167.200"))).hasSize(1);
    assertThat(hits(event(EventField.DST_IP, "11.97.168.1"))).isEmpty();
  }

  private Ioc generated(IocType type, String value) {
    return new Ioc(
        nextId++,
        type,
        value,
        "bulk",
        50,
        Severity.MEDIUM,
        List.of(),
        null,
        NOW,
        NOW,
        null,
        0,
        null,
        NOW,
        NOW);
  }
}
