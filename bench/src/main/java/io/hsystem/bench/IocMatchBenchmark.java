package io.hsystem.bench;

import io.hsystem.intel.Ioc;
import io.hsystem.intel.IocMatcher;
import io.hsystem.intel.IocType;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.shared.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Cost of {@link IocMatcher#match} on the detection path: loads {@code --iocs} indicators (IPs,
 * networks of several prefix lengths, domains, URLs, SHA-256 and MD5 hashes), generates {@code
 * --events} canonical events shaped like the pipeline's (two IPs and a host IP each; a DNS query, a
 * URL, or a process start with its SHA-256 and a Sysmon raw record with {@code Hashes} in some),
 * about {@code --hit-percent} of them carrying a listed value, and matches them on one thread:
 * {@code --warmup} rounds, then {@code --rounds} timed rounds over the same events.
 *
 * <p>Options: {@code --iocs 100000 --events 200000 --hit-percent 2 --warmup 5 --rounds 10 --out
 * FILE} (markdown; printed only when absent).
 */
public final class IocMatchBenchmark {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int iocCount = args.integer("iocs", 100_000);
    int eventCount = args.integer("events", 200_000);
    int hitPercent = args.integer("hit-percent", 2);
    int warmup = args.integer("warmup", 5);
    int rounds = args.integer("rounds", 10);
    String out = args.string("out", null);

    SplittableRandom random = new SplittableRandom(42);
    List<Ioc> iocs = indicators(iocCount, random);
    List<Event> events = events(eventCount, hitPercent, iocs, random);

    Clock clock = Clock.fixed(NOW, java.time.ZoneOffset.UTC);
    try (IocMatcher matcher = new IocMatcher(() -> iocs, clock, Duration.ofHours(1))) {
      long buildStart = System.nanoTime();
      matcher.refresh();
      long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;

      long hits = 0;
      for (int r = 0; r < warmup; r++) {
        hits = round(matcher, events);
      }
      double[] rates = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        hits = round(matcher, events);
        rates[r] = events.size() / ((System.nanoTime() - start) / 1e9);
      }
      java.util.Arrays.sort(rates);
      double median = rates[rounds / 2];

      String report =
          String.format(
              Locale.ROOT,
              "Run %sZ on %s; load average before: %s.%n%n"
                  + "| indicators | index build | events | hits per round | events/s (median of %d) |"
                  + " min–max | ns/event |%n|---:|---:|---:|---:|---:|---:|---:|%n"
                  + "| %,d | %,d ms | %,d | %,d | **%,.0f** | %,.0f–%,.0f | %,.0f |%n",
              Instant.now().toString().substring(0, 19),
              Machine.describe(Path.of(System.getProperty("java.io.tmpdir"))),
              Machine.load(),
              rounds,
              matcher.size(),
              buildMillis,
              events.size(),
              hits,
              median,
              rates[0],
              rates[rounds - 1],
              1e9 / median);
      System.out.print(report);
      if (out != null) {
        Files.writeString(Path.of(out), report);
      }
    }
  }

  private static long round(IocMatcher matcher, List<Event> events) {
    long hits = 0;
    for (Event event : events) {
      hits += matcher.match(event).size();
    }
    return hits;
  }

  // ---- indicators: 40 % IPs, 10 % networks, 30 % domains, 5 % URLs, 10 % SHA-256, 5 % MD5

  private static List<Ioc> indicators(int count, SplittableRandom random) {
    List<Ioc> iocs = new ArrayList<>(count);
    int[] prefixes = {16, 20, 22, 24, 24, 24, 28};
    for (int i = 0; i < count; i++) {
      int kind = i % 20;
      IocType type;
      String value;
      if (kind < 8) {
        type = IocType.IP;
        value = kind == 7 ? ipv6(random) : ipv4(random);
      } else if (kind < 10) {
        type = IocType.CIDR;
        int prefix = prefixes[random.nextInt(prefixes.length)];
        int address = random.nextInt() & (-1 << (32 - prefix));
        value = ipv4(address) + "/" + prefix;
      } else if (kind < 16) {
        type = IocType.DOMAIN;
        value = domain(random);
      } else if (kind < 17) {
        type = IocType.URL;
        value =
            "http://" + domain(random) + "/" + word(random, 8) + ".php?id=" + random.nextInt(1000);
      } else if (kind < 19) {
        type = IocType.SHA256;
        value = hex(random, 64);
      } else {
        type = IocType.MD5;
        value = hex(random, 32);
      }
      iocs.add(
          new Ioc(
              i + 1,
              type,
              value,
              "bench",
              60,
              Severity.HIGH,
              List.of("bench"),
              "generated indicator",
              NOW,
              NOW,
              i % 10 == 0 ? NOW.plus(Duration.ofDays(30)) : null,
              0,
              null,
              NOW,
              NOW));
    }
    return iocs;
  }

  // ---- events

  private static List<Event> events(
      int count, int hitPercent, List<Ioc> iocs, SplittableRandom random) {
    List<Event> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean hit = random.nextInt(100) < hitPercent;
      Event e = new Event();
      e.set(EventField.HOST_IP, "10.0." + random.nextInt(256) + "." + random.nextInt(256));
      e.set(EventField.SRC_IP, random.nextInt(10) == 0 ? ipv6(random) : ipv4(random));
      e.set(EventField.DST_IP, ipv4(random));
      switch (i % 4) {
        case 0 -> e.set(EventField.DNS_QUERY, "www." + domain(random));
        case 1 ->
            e.set(
                EventField.URL,
                "https://" + domain(random) + "/" + word(random, 10) + "/index.html");
        case 2 -> {
          String sha256 = hex(random, 64).toUpperCase(Locale.ROOT);
          e.set(EventField.HASH_SHA256, sha256);
          e.set(EventField.RAW, sysmonRaw(sha256, hex(random, 32).toUpperCase(Locale.ROOT)));
        }
        default -> e.set(EventField.USER, "CORP\\" + word(random, 6));
      }
      if (hit) {
        plant(e, iocs.get(random.nextInt(iocs.size())), random);
      }
      events.add(e);
    }
    return events;
  }

  /** Puts a listed value where the matcher looks for its type. */
  private static void plant(Event e, Ioc ioc, SplittableRandom random) {
    switch (ioc.type()) {
      case IP -> e.set(EventField.DST_IP, ioc.value());
      case CIDR -> {
        String network = ioc.value().substring(0, ioc.value().indexOf('/'));
        int lastDot = network.lastIndexOf('.');
        int firstHost = Integer.parseInt(network.substring(lastDot + 1)) + 1;
        e.set(EventField.SRC_IP, network.substring(0, lastDot + 1) + firstHost);
      }
      case DOMAIN -> e.set(EventField.DNS_QUERY, word(random, 5) + "." + ioc.value());
      case URL -> e.set(EventField.URL, ioc.value());
      case SHA256, SHA1 -> e.set(EventField.HASH_SHA256, ioc.value().toUpperCase(Locale.ROOT));
      case MD5 -> e.set(EventField.RAW, sysmonRaw(hex(random, 64), ioc.value()));
    }
  }

  private static String sysmonRaw(String sha256, String md5) {
    return "{\"EventID\":1,\"UtcTime\":\"2026-01-01 00:00:00.000\",\"Computer\":\"ws01.corp.local\","
        + "\"Image\":\"C:\\\\Windows\\\\System32\\\\rundll32.exe\",\"CommandLine\":\"rundll32.exe"
        + " C:\\\\Users\\\\bob\\\\AppData\\\\Local\\\\Temp\\\\x.dll,Start\",\"User\":\"CORP\\\\bob\","
        + "\"Hashes\":\"SHA1="
        + hex(new SplittableRandom(md5.hashCode()), 40)
        + ",MD5="
        + md5
        + ",SHA256="
        + sha256
        + ",IMPHASH="
        + hex(new SplittableRandom(sha256.hashCode()), 32)
        + "\",\"ParentImage\":\"C:\\\\Windows\\\\explorer.exe\"}";
  }

  private static String ipv4(SplittableRandom random) {
    return ipv4(random.nextInt());
  }

  private static String ipv4(int a) {
    return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
  }

  private static String ipv6(SplittableRandom random) {
    return "2001:db8:"
        + Integer.toHexString(random.nextInt(65536))
        + "::"
        + Integer.toHexString(random.nextInt(65536));
  }

  private static String domain(SplittableRandom random) {
    return word(random, 4 + random.nextInt(8))
        + "."
        + word(random, 3 + random.nextInt(6))
        + (random.nextBoolean() ? ".example" : ".test");
  }

  private static String word(SplittableRandom random, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(c);
  }

  private static String hex(SplittableRandom random, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = Character.forDigit(random.nextInt(16), 16);
    }
    return new String(c);
  }
}
