package io.hsystem.intel.internal;

import io.hsystem.intel.Ioc;
import io.hsystem.intel.IocHit;
import io.hsystem.intel.IocType;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable lookup structure over a set of indicators: every question is answered with hash
 * lookups, never by scanning the indicators.
 *
 * <ul>
 *   <li>IPs and networks: one table per prefix length in use (an address is a /32 or /128), keyed
 *       by the masked address; an address costs one lookup per prefix length in use.
 *   <li>Domains: exact name, then each parent domain ({@code a.b.evil.example} looks up {@code
 *       b.evil.example} and {@code evil.example}); a lookup per label.
 *   <li>URLs and hashes: one exact lookup.
 * </ul>
 */
public final class MatchIndex {

  private static final EventField[] IP_FIELDS = {
    EventField.SRC_IP, EventField.DST_IP, EventField.HOST_IP
  };

  /** An indicator as the index keeps it: what a hit reports, and when it stops matching. */
  record Entry(
      long id,
      IocType type,
      String value,
      String source,
      int confidence,
      Severity severity,
      List<String> tags,
      String description,
      long expiresAtMillis) {

    IocHit hit(EventField field, String matched) {
      return new IocHit(
          id, type, value, source, confidence, severity, tags, description, field, matched);
    }
  }

  private final PrefixTable v4;
  private final PrefixTable v6;
  private final Map<String, Entry[]> domains;
  private final Map<String, Entry[]> urls;
  private final Map<String, Entry[]> hashes;
  private final int size;

  private MatchIndex(
      PrefixTable v4,
      PrefixTable v6,
      Map<String, Entry[]> domains,
      Map<String, Entry[]> urls,
      Map<String, Entry[]> hashes,
      int size) {
    this.v4 = v4;
    this.v6 = v6;
    this.domains = domains;
    this.urls = urls;
    this.hashes = hashes;
    this.size = size;
  }

  /** An index of nothing. */
  public static MatchIndex empty() {
    return build(List.of(), Instant.EPOCH);
  }

  /**
   * Indexes the indicators still active at {@code now}. Values must be canonical ({@link
   * IocValues}); an address or network that does not parse (a row edited by hand) is left out
   * rather than failing the build.
   */
  public static MatchIndex build(Collection<Ioc> iocs, Instant now) {
    Map<Integer, Map<IpKey, List<Entry>>> v4 = new TreeMap<>();
    Map<Integer, Map<IpKey, List<Entry>>> v6 = new TreeMap<>();
    Map<String, List<Entry>> domains = new HashMap<>();
    Map<String, List<Entry>> urls = new HashMap<>();
    Map<String, List<Entry>> hashes = new HashMap<>();
    // imports repeat the same description and tags on many rows: keep one copy of each
    Map<Object, Object> shared = new HashMap<>();
    int size = 0;
    for (Ioc ioc : iocs) {
      if (!ioc.activeAt(now)) {
        continue;
      }
      Entry entry =
          new Entry(
              ioc.id(),
              ioc.type(),
              ioc.value(),
              intern(shared, ioc.source()),
              ioc.confidence(),
              ioc.severity(),
              intern(shared, List.copyOf(ioc.tags())),
              intern(shared, ioc.description()),
              ioc.expiresAt() == null ? Long.MAX_VALUE : ioc.expiresAt().toEpochMilli());
      boolean added =
          switch (ioc.type()) {
            case IP, CIDR -> addNetwork(entry, v4, v6);
            case DOMAIN -> add(domains, entry.value(), entry);
            case URL -> add(urls, entry.value(), entry);
            case SHA256, SHA1, MD5 -> add(hashes, entry.value(), entry);
          };
      if (added) {
        size++;
      }
    }
    return new MatchIndex(
        PrefixTable.of(v4),
        PrefixTable.of(v6),
        arrays(domains),
        arrays(urls),
        arrays(hashes),
        size);
  }

  /** Number of indicators indexed. */
  public int size() {
    return size;
  }

  /**
   * The indicators active at {@code nowMillis} that the event matches, at most one hit per
   * indicator, checked in this order: {@code src_ip}, {@code dst_ip}, {@code host_ip}, {@code
   * dns_query}, {@code url}, {@code hash_sha256}, hashes of a Sysmon {@code Hashes} value in {@code
   * raw}.
   */
  public List<IocHit> match(Event event, long nowMillis) {
    Hits hits = new Hits(nowMillis);
    for (EventField field : IP_FIELDS) {
      String ip = event.getString(field);
      if (ip != null) {
        matchIp(ip, field, hits);
      }
    }
    String dns = event.getString(EventField.DNS_QUERY);
    if (dns != null) {
      matchDomain(dns, null, EventField.DNS_QUERY, hits);
    }
    String url = event.getString(EventField.URL);
    if (url != null) {
      matchUrl(url, EventField.URL, hits);
    }
    if (!hashes.isEmpty()) {
      String sha256 = event.getString(EventField.HASH_SHA256);
      if (sha256 != null) {
        matchHash(sha256, EventField.HASH_SHA256, hits);
      }
      String raw = event.getString(EventField.RAW);
      if (raw != null) {
        for (String hash : SysmonHashes.in(raw)) {
          matchHash(hash, EventField.RAW, hits);
        }
      }
    }
    return hits.list();
  }

  /**
   * The indicators active at {@code nowMillis} that a canonical value of {@code type} matches: an
   * address also matches the networks holding it, a domain its parent domains, a URL its host; a
   * network matches indicators of that very network.
   */
  public List<IocHit> lookup(IocType type, String value, long nowMillis) {
    Hits hits = new Hits(nowMillis);
    switch (type) {
      case IP -> matchIp(value, null, hits);
      case CIDR -> matchNetwork(value, hits);
      case DOMAIN -> matchDomain(value, null, null, hits);
      case URL -> matchUrl(value, null, hits);
      case SHA256, SHA1, MD5 -> matchHash(value, null, hits);
    }
    return hits.list();
  }

  /** Adds the indicators of an IP address (exact and every network containing it). */
  private void matchIp(String text, EventField field, Hits hits) {
    IpAddress ip = IpAddress.parse(text);
    if (ip != null) {
      matchIp(ip, text, field, hits);
    }
  }

  private void matchIp(IpAddress ip, String matched, EventField field, Hits hits) {
    (ip.isV4() ? v4 : v6).match(ip, matched, field, hits);
  }

  /**
   * Adds the indicators of a domain and of each of its parent domains; hits report {@code matched}
   * (the URL the domain was the host of), else the domain.
   */
  private void matchDomain(String name, String matched, EventField field, Hits hits) {
    if (domains.isEmpty()) {
      return;
    }
    String key = IocValues.domainKey(name);
    if (key == null) {
      return;
    }
    // an indicator has at least two labels, so the top-level label alone is never looked up
    int labels = 0;
    for (int dot = key.indexOf('.'); dot >= 0 && labels < 127; dot = key.indexOf('.', dot + 1)) {
      labels++;
    }
    String suffix = key;
    for (int i = 0; i < labels; i++) {
      hits.addAll(domains.get(suffix), field, matched == null ? key : matched);
      suffix = suffix.substring(suffix.indexOf('.') + 1);
    }
  }

  /** Adds the indicators of a URL: the exact URL, then its host as an address or domain. */
  private void matchUrl(String url, EventField field, Hits hits) {
    String key = IocValues.urlKey(url);
    if (key == null) {
      return;
    }
    hits.addAll(urls.get(key), field, key);
    String host = IocValues.urlHost(key);
    if (host == null || host.isEmpty()) {
      return;
    }
    IpAddress ip = IpAddress.parse(host);
    if (ip != null) {
      matchIp(ip, key, field, hits);
    } else {
      matchDomain(host, key, field, hits);
    }
  }

  /** Adds the indicators of an MD5, SHA-1 or SHA-256 hash. */
  private void matchHash(String hash, EventField field, Hits hits) {
    if (!hashes.isEmpty()) {
      String key = IocValues.hashKey(hash);
      hits.addAll(hashes.get(key), field, key);
    }
  }

  /** Adds the indicators whose value is exactly {@code canonical} (a network looked up as such). */
  private void matchNetwork(String canonical, Hits hits) {
    int slash = canonical.indexOf('/');
    IpAddress ip = IpAddress.parse(canonical.substring(0, slash));
    int prefix = Integer.parseInt(canonical.substring(slash + 1));
    (ip.isV4() ? v4 : v6).matchExactly(ip, prefix, canonical, hits);
  }

  private static boolean addNetwork(
      Entry entry,
      Map<Integer, Map<IpKey, List<Entry>>> v4,
      Map<Integer, Map<IpKey, List<Entry>>> v6) {
    String value = entry.value();
    int slash = value.indexOf('/');
    IpAddress ip = IpAddress.parse(slash < 0 ? value : value.substring(0, slash));
    if (ip == null) {
      return false;
    }
    int prefix = ip.bits();
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(value.substring(slash + 1));
      } catch (NumberFormatException e) {
        return false;
      }
      if (prefix < 0 || prefix > ip.bits()) {
        return false;
      }
    }
    IpKey key = new IpKey(ip.maskedHi(prefix), ip.maskedLo(prefix));
    return add((ip.isV4() ? v4 : v6).computeIfAbsent(prefix, p -> new HashMap<>()), key, entry);
  }

  private static <K> boolean add(Map<K, List<Entry>> map, K key, Entry entry) {
    map.computeIfAbsent(key, k -> new ArrayList<>(1)).add(entry);
    return true;
  }

  private static Map<String, Entry[]> arrays(Map<String, List<Entry>> lists) {
    Map<String, Entry[]> result = new HashMap<>(Math.max(16, lists.size() * 4 / 3 + 1));
    lists.forEach((k, v) -> result.put(k, v.toArray(Entry[]::new)));
    return result;
  }

  @SuppressWarnings("unchecked")
  private static <T> T intern(Map<Object, Object> shared, T value) {
    return value == null ? null : (T) shared.computeIfAbsent(value, v -> v);
  }

  private record IpKey(long hi, long lo) {}

  /** Per prefix length, longest first: an open-addressing table of masked addresses. */
  private static final class PrefixTable {
    private final int[] prefixes;
    private final LongPairTable[] tables;

    private PrefixTable(int[] prefixes, LongPairTable[] tables) {
      this.prefixes = prefixes;
      this.tables = tables;
    }

    static PrefixTable of(Map<Integer, Map<IpKey, List<Entry>>> byPrefix) {
      int n = byPrefix.size();
      int[] prefixes = new int[n];
      LongPairTable[] tables = new LongPairTable[n];
      int i = n;
      for (var e : byPrefix.entrySet()) { // ascending: fill from the end
        i--;
        prefixes[i] = e.getKey();
        tables[i] = new LongPairTable(e.getValue());
      }
      return new PrefixTable(prefixes, tables);
    }

    void match(IpAddress ip, String matched, EventField field, Hits hits) {
      for (int i = 0; i < prefixes.length; i++) {
        int p = prefixes[i];
        hits.addAll(tables[i].get(ip.maskedHi(p), ip.maskedLo(p)), field, matched);
      }
    }

    void matchExactly(IpAddress ip, int prefix, String matched, Hits hits) {
      for (int i = 0; i < prefixes.length; i++) {
        if (prefixes[i] == prefix) {
          hits.addAll(tables[i].get(ip.maskedHi(prefix), ip.maskedLo(prefix)), null, matched);
        }
      }
    }
  }

  /**
   * A read-only open-addressing hash table from a pair of longs to entries: no boxing, no garbage
   * per lookup. Each slot's key pair sits side by side in one array, and empty slots hold a
   * sentinel key, so that a lookup that misses (the usual case) reads one cache line.
   */
  private static final class LongPairTable {
    private static final long EMPTY = -1L;

    private final long[] keys;
    private final Entry[][] values;
    private final int mask;

    LongPairTable(Map<IpKey, List<Entry>> content) {
      int capacity = Integer.highestOneBit(Math.max(4, content.size() * 2 - 1)) << 1;
      keys = new long[capacity * 2];
      java.util.Arrays.fill(keys, EMPTY);
      values = new Entry[capacity][];
      mask = capacity - 1;
      content.forEach(
          (key, entries) -> {
            int slot = slot(key.hi(), key.lo());
            while (values[slot] != null) {
              slot = (slot + 1) & mask;
            }
            keys[2 * slot] = key.hi();
            keys[2 * slot + 1] = key.lo();
            values[slot] = entries.toArray(Entry[]::new);
          });
    }

    Entry[] get(long hi, long lo) {
      int slot = slot(hi, lo);
      while (true) {
        long h = keys[2 * slot];
        long l = keys[2 * slot + 1];
        if (h == hi && l == lo) {
          // null when this is an empty slot and the key looked up happens to be the sentinel
          return values[slot];
        }
        if (h == EMPTY && l == EMPTY && values[slot] == null) {
          return null;
        }
        slot = (slot + 1) & mask;
      }
    }

    private int slot(long hi, long lo) {
      long h = hi * 0x9E3779B97F4A7C15L + lo;
      h ^= h >>> 33;
      h *= 0xFF51AFD7ED558CCDL;
      h ^= h >>> 33;
      return (int) h & mask;
    }
  }

  /**
   * The hits of one event: at most one per indicator, expired indicators left out (the index may be
   * a few minutes older than their expiry).
   */
  private static final class Hits {
    private final long nowMillis;
    private List<IocHit> list;

    Hits(long nowMillis) {
      this.nowMillis = nowMillis;
    }

    void addAll(Entry[] entries, EventField field, String matched) {
      if (entries == null) {
        return;
      }
      for (Entry e : entries) {
        if (e.expiresAtMillis() > nowMillis && !contains(e.id())) {
          if (list == null) {
            list = new ArrayList<>(2);
          }
          list.add(e.hit(field, matched));
        }
      }
    }

    private boolean contains(long id) {
      if (list != null) {
        for (IocHit hit : list) {
          if (hit.iocId() == id) {
            return true;
          }
        }
      }
      return false;
    }

    List<IocHit> list() {
      return list == null ? List.of() : Collections.unmodifiableList(list);
    }
  }
}
