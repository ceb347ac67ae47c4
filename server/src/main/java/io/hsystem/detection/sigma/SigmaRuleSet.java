package io.hsystem.detection.sigma;

import io.hsystem.detection.sigma.Nodes.Node;
import io.hsystem.detection.sigma.SigmaString.LiteralShape;
import io.hsystem.detection.sigma.ValueTest.FieldRefTest;
import io.hsystem.detection.sigma.ValueTest.RegexTest;
import io.hsystem.detection.sigma.ValueTest.StringTest;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.protocol.FieldKind;
import io.hsystem.protocol.SourceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A compiled, immutable set of Sigma rules that finds the rules an event matches. Thread-safe.
 *
 * <p>How an event is matched:
 *
 * <ol>
 *   <li>Its {@code source_type} and {@code event_type} select a precomputed bucket: only the rules
 *       whose logsource stands for such events (see {@link Logsources}) are ever looked at.
 *   <li>Per field, one Aho-Corasick automaton holds the lower-cased literals of every rule in the
 *       bucket (equals, startswith, endswith and contains are all answered from the occurrences it
 *       reports), so each field value is scanned once whatever the number of rules. Canonical
 *       fields are scanned as they are; fields read from the original record are scanned once the
 *       record has been read, which happens once per event and only in buckets whose rules look for
 *       literals in such fields; plain keywords are looked for in the record's text.
 *   <li>Each rule names a set of its literals at least one of which must occur for it to match;
 *       only rules whose set was hit (and the few without such a set) are evaluated. Regular
 *       expressions (themselves guarded by the literals they require), numeric, CIDR and wildcard
 *       tests run only then, after the cheap operands of their AND.
 *   <li>Evaluation is three-valued: a test on a record field that the automata do not answer is
 *       unknown while the record has not been read, and the record is read only for a rule that
 *       this leaves undecided.
 * </ol>
 *
 * <p>Use {@link #newMatcher()} for one matcher per worker thread on a hot path; {@link
 * #matches(Event)} keeps one per calling thread.
 */
public final class SigmaRuleSet {

  private static final int KINDS = LiteralKind.values().length;

  private static final int[] NONE = new int[0];

  private final List<SigmaRule> rules;
  private final Node[] trees;
  private final int literalCount;
  private final Map<String, SourceTable> sources;
  private final LongAdder abandonedRegex = new LongAdder();
  private final ThreadLocal<Matcher> threadMatcher = ThreadLocal.withInitial(this::newMatcher);

  private SigmaRuleSet(
      List<SigmaRule> rules, Node[] trees, int literalCount, Map<String, SourceTable> sources) {
    this.rules = rules;
    this.trees = trees;
    this.literalCount = literalCount;
    this.sources = sources;
  }

  /** Compiles rules into a rule set; the rules' order is the order matches are reported in. */
  public static SigmaRuleSet compile(Collection<SigmaRule> rules) {
    return new Compiler(List.copyOf(rules)).compile();
  }

  /** The rules of this set, in order. */
  public List<SigmaRule> rules() {
    return rules;
  }

  /**
   * The rules the event matches, in rule order; an empty list when none. Uses a matcher kept per
   * calling thread.
   */
  public List<SigmaRule> matches(Event event) {
    return threadMatcher.get().matches(event);
  }

  /** A new matcher: reusable, allocation-light, for one thread at a time. */
  public Matcher newMatcher() {
    return new Matcher();
  }

  /**
   * How many regular expression searches were abandoned (counted as no match) because they exceeded
   * their step budget on some value: a sign of a pathological pattern or hostile input.
   */
  public long abandonedRegexSearches() {
    return abandonedRegex.sum();
  }

  /** Matches events against the rule set; not thread-safe, reuse it for many events. */
  public final class Matcher {

    private final long[] hits = new long[(literalCount + 63) >>> 6];
    private final int[] setLiterals = new int[literalCount];
    private int setCount;
    private final int[] queued = new int[rules.size()];
    private int serial;
    private final int[] candidates = new int[rules.size()];
    private int candidateCount;
    private Event event;
    private boolean rawAllowed;
    private final RawRecord record = new RawRecord();
    private boolean recordRead;
    private boolean searchableReady;
    private final StringBuilder searchable = new StringBuilder();
    private final StringBuilder number = new StringBuilder(20);
    private char[] chars = new char[1024];
    private Scanner scanning;
    private int scanLength;
    private final AhoCorasick.Hits sink = this::found;
    private long recordsRead;

    private Matcher() {}

    /** How many events this matcher read the original record of. */
    public long rawParses() {
      return recordsRead;
    }

    /** The rules the event matches, in rule order; an empty list when none. */
    public List<SigmaRule> matches(Event event) {
      List<SigmaRule> out = new ArrayList<>(0);
      forEachMatch(event, out::add);
      return out.isEmpty() ? List.of() : out;
    }

    /**
     * Calls the visitor for each rule the event matches, in rule order.
     *
     * @return the number of matches
     */
    public int forEachMatch(Event event, Consumer<SigmaRule> visitor) {
      Bucket bucket = bucket(event);
      if (bucket == null) {
        return 0;
      }
      begin(event);
      try {
        for (Scanner scanner : bucket.canonical) {
          Object value = event.get(scanner.place.field());
          if (value != null) {
            scan(scanner, text(value));
          }
        }
        if (bucket.raw != null && event.has(EventField.RAW)) {
          // the record has a few dozen keys, the bucket may look into hundreds: go by the record
          RawRecord r = record();
          char[] buffer = r.buffer();
          for (int i = 0; i < r.keyCount(); i++) {
            int first = r.keyEntry(i);
            Scanner scanner =
                bucket.raw.get(buffer, r.keyStart(first), r.keyEnd(first), r.keyHash(first));
            for (int e = first; scanner != null && e >= 0; e = r.findNext(e)) {
              if (!r.isNull(e)) {
                scan(scanner, buffer, r.valueStart(e), r.valueEnd(e));
              }
            }
          }
        }
        if (bucket.text != null && event.has(EventField.RAW)) {
          scan(bucket.text, searchableRaw());
        }
        for (int r : bucket.always) {
          queue(r);
        }
        Arrays.sort(candidates, 0, candidateCount);
        int matched = 0;
        for (int i = 0; i < candidateCount; i++) {
          int r = candidates[i];
          rawAllowed = false;
          int result = trees[r].eval(this);
          if (result == Nodes.UNKNOWN) {
            rawAllowed = true;
            result = trees[r].eval(this);
          }
          if (result == Nodes.TRUE) {
            matched++;
            visitor.accept(rules.get(r));
          }
        }
        return matched;
      } finally {
        end();
      }
    }

    private Bucket bucket(Event event) {
      String source = event.getString(EventField.SOURCE_TYPE);
      SourceTable table = source == null ? null : sources.get(source);
      if (table == null) {
        return null;
      }
      Bucket bucket = table.byType.get(event.getString(EventField.EVENT_TYPE));
      return bucket != null ? bucket : table.other;
    }

    private void begin(Event event) {
      this.event = event;
      recordRead = false;
      searchableReady = false;
      candidateCount = 0;
      if (++serial == Integer.MAX_VALUE) {
        Arrays.fill(queued, 0);
        serial = 1;
      }
    }

    private void end() {
      for (int i = 0; i < setCount; i++) {
        int id = setLiterals[i];
        hits[id >>> 6] &= ~(1L << id);
      }
      setCount = 0;
      event = null;
    }

    /** Scans a canonical value or the searchable record text (a String or a StringBuilder). */
    private void scan(Scanner scanner, CharSequence text) {
      int n = text.length();
      if (chars.length < n) {
        chars = new char[Math.max(n, chars.length * 2)];
      }
      if (text instanceof String s) {
        s.getChars(0, n, chars, 0);
      } else {
        ((StringBuilder) text).getChars(0, n, chars, 0);
      }
      scan(scanner, chars, 0, n);
    }

    private void scan(Scanner scanner, char[] text, int from, int to) {
      scanning = scanner;
      scanLength = to - from;
      scanner.automaton.scan(text, from, to, sink);
    }

    /** An occurrence reported by the automaton being scanned: set the literals it satisfies. */
    private void found(int literal, int end) {
      Scanner sc = scanning;
      int base = literal * KINDS;
      int start = end - sc.automaton.literalLength(literal);
      mark(sc, base + LiteralKind.CONTAINS.ordinal());
      if (start == 0) {
        mark(sc, base + LiteralKind.STARTS_WITH.ordinal());
      }
      if (end == scanLength) {
        mark(sc, base + LiteralKind.ENDS_WITH.ordinal());
        if (start == 0) {
          mark(sc, base + LiteralKind.EQUALS.ordinal());
        }
      }
    }

    private void mark(Scanner sc, int slot) {
      int code = sc.ids[slot];
      if (code < 0) {
        return;
      }
      int id = code >>> 1;
      if (hit(id)) {
        return;
      }
      hits[id >>> 6] |= 1L << id;
      setLiterals[setCount++] = id;
      if ((code & 1) != 0) {
        for (int r : sc.triggers[slot]) {
          queue(r);
        }
      }
    }

    private void queue(int rule) {
      if (queued[rule] != serial) {
        queued[rule] = serial;
        candidates[candidateCount++] = rule;
      }
    }

    boolean hit(int literal) {
      return (hits[literal >>> 6] & (1L << literal)) != 0;
    }

    Event event() {
      return event;
    }

    /** Whether tests on record fields may be answered: the record is read, or may be now. */
    boolean recordAvailable() {
      return recordRead || rawAllowed;
    }

    /** The original record's fields, read on first use for this event. */
    RawRecord record() {
      if (!recordRead) {
        record.read(event.getString(EventField.RAW));
        recordRead = true;
        recordsRead++;
      }
      return record;
    }

    /** The original record's searchable text ({@link JsonText}), built on first use. */
    CharSequence searchableRaw() {
      if (!searchableReady) {
        String text = event.getString(EventField.RAW);
        JsonText.decodeInto(text == null ? "" : text, searchable);
        searchableReady = true;
      }
      return searchable;
    }

    /** A canonical value as text; numbers are written into a reused buffer. */
    CharSequence text(Object value) {
      if (value instanceof String s) {
        return s;
      }
      if (value instanceof Long l) {
        number.setLength(0);
        return number.append(l.longValue());
      }
      return value.toString();
    }

    boolean find(RegexTest test, CharSequence text) {
      try {
        return test.pattern().matcher(BoundedCharSequence.of(text)).find();
      } catch (BoundedCharSequence.Exhausted e) {
        abandonedRegex.increment();
        return false;
      }
    }
  }

  /**
   * The rules one kind of event can meet, with the automata over their literals: per canonical
   * field, per record field (null when none), and over the record's text (plain keywords).
   */
  private record Bucket(Scanner[] canonical, RawScanners raw, Scanner text, int[] always) {}

  /**
   * The automata of record fields by lower-cased key, looked up with a key as the record holds it
   * (characters in its buffer and {@link String#hashCode()}), without making a string of it.
   */
  private static final class RawScanners {
    private final int[] hashes;
    private final String[] keys;
    private final Scanner[] scanners;

    RawScanners(List<Scanner> all) {
      int size = Integer.highestOneBit(Math.max(8, all.size() * 2)) << 1;
      hashes = new int[size];
      keys = new String[size];
      scanners = new Scanner[size];
      int mask = size - 1;
      for (Scanner s : all) {
        String key = s.place.rawKey();
        int slot = key.hashCode() & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        hashes[slot] = key.hashCode();
        keys[slot] = key;
        scanners[slot] = s;
      }
    }

    Scanner get(char[] chars, int from, int to, int hash) {
      int mask = keys.length - 1;
      for (int slot = hash & mask; keys[slot] != null; slot = (slot + 1) & mask) {
        if (hashes[slot] == hash
            && keys[slot].length() == to - from
            && sameChars(keys[slot], chars, from)) {
          return scanners[slot];
        }
      }
      return null;
    }

    private static boolean sameChars(String key, char[] chars, int from) {
      for (int i = 0; i < key.length(); i++) {
        if (key.charAt(i) != chars[from + i]) {
          return false;
        }
      }
      return true;
    }
  }

  /** Buckets of one source type by event type; {@code other} for types no rule names. */
  private record SourceTable(Map<String, Bucket> byType, Bucket other) {}

  /**
   * Where literals are searched: a canonical field, a field of the original record (by lower-cased
   * key), or, with both null, the record's searchable text.
   */
  private record Place(EventField field, String rawKey) {
    static final Place TEXT = new Place(null, null);
  }

  /**
   * One automaton over the literals of one place in a bucket. {@code ids} and {@code triggers} are
   * indexed by automaton literal × {@link LiteralKind}: the literal id that occurrence satisfies
   * (shifted left, the low bit set when it has triggers, -1 when none), and the rules it makes
   * candidates. The flag keeps the trigger lists out of the cache for the many literals that make
   * no rule a candidate.
   */
  private record Scanner(Place place, AhoCorasick automaton, int[] ids, int[][] triggers) {}

  /** A literal as the automata see it: lower-cased, in a place, positioned. */
  private record LiteralKey(Place place, LiteralKind kind, String literal) {}

  /** Builds a rule set: literal registry, executable trees, candidate sets, buckets. */
  private static final class Compiler {
    private final List<SigmaRule> rules;
    private final Map<LiteralKey, Integer> literalIds = new HashMap<>();
    private final List<LiteralKey> literals = new ArrayList<>();
    private final Map<List<String>, AhoCorasick> automata = new HashMap<>();
    private Set<Integer> ruleLiterals;

    Compiler(List<SigmaRule> rules) {
      this.rules = rules;
    }

    SigmaRuleSet compile() {
      int n = rules.size();
      Node[] trees = new Node[n];
      int[][] needs = new int[n][];
      int[][] literalsOfRule = new int[n][];
      for (int i = 0; i < n; i++) {
        SigmaRule rule = rules.get(i);
        ruleLiterals = new TreeSet<>();
        Node detection = node(rule.detection());
        Expr residual = rule.target().residual();
        if (residual == null) {
          trees[i] = detection;
          needs[i] = need(detection);
        } else {
          // The logsource's own conditions hold for most events of the bucket: the detection
          // names the literals worth waiting for, the logsource only when the detection has none.
          Node logsource = node(residual);
          trees[i] = new Nodes.And(List.of(detection, logsource));
          int[] need = need(detection);
          needs[i] = need != null ? need : need(logsource);
        }
        literalsOfRule[i] = ruleLiterals.stream().mapToInt(Integer::intValue).toArray();
      }

      Set<String> namedTypes = new HashSet<>();
      for (SigmaRule rule : rules) {
        if (rule.target().eventTypes() != null) {
          namedTypes.addAll(rule.target().eventTypes());
        }
      }
      Map<List<Integer>, Bucket> built = new HashMap<>();
      Map<String, SourceTable> sources = new HashMap<>();
      for (SourceType source : SourceType.values()) {
        Map<String, Bucket> byType = new HashMap<>();
        for (String type : namedTypes) {
          Bucket b = bucket(admitted(source, type), built, needs, literalsOfRule);
          if (b != null) {
            byType.put(type, b);
          }
        }
        Bucket other = bucket(admitted(source, null), built, needs, literalsOfRule);
        if (!byType.isEmpty() || other != null) {
          sources.put(source.value(), new SourceTable(byType, other));
        }
      }
      return new SigmaRuleSet(rules, trees, literals.size(), Map.copyOf(sources));
    }

    /**
     * Rules whose logsource stands for events of this source and type (null: a type no rule names).
     */
    private List<Integer> admitted(SourceType source, String type) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        LogsourceTarget t = rules.get(i).target();
        boolean admits =
            type == null
                ? t.sources().contains(source) && t.eventTypes() == null
                : t.admits(source, type);
        if (admits) {
          out.add(i);
        }
      }
      return out;
    }

    private Bucket bucket(
        List<Integer> ruleIndexes,
        Map<List<Integer>, Bucket> built,
        int[][] needs,
        int[][] literalsOfRule) {
      if (ruleIndexes.isEmpty()) {
        return null;
      }
      Bucket existing = built.get(ruleIndexes);
      if (existing != null) {
        return existing;
      }
      // place → literal text → literal id per kind
      Map<Place, LinkedHashMap<String, int[]>> byPlace = new LinkedHashMap<>();
      for (int r : ruleIndexes) {
        for (int id : literalsOfRule[r]) {
          LiteralKey key = literals.get(id);
          int[] kinds =
              byPlace
                  .computeIfAbsent(key.place(), p -> new LinkedHashMap<>())
                  .computeIfAbsent(key.literal(), l -> newKinds());
          kinds[key.kind().ordinal()] = id;
        }
      }
      List<Place> places = new ArrayList<>(byPlace.keySet());
      List<int[]> idsPerPlace = new ArrayList<>();
      List<List<List<Integer>>> triggersPerPlace = new ArrayList<>();
      Map<Integer, int[]> slotOf = new HashMap<>(); // literal id → (place index, slot)
      for (int p = 0; p < places.size(); p++) {
        LinkedHashMap<String, int[]> byLiteral = byPlace.get(places.get(p));
        int[] ids = new int[byLiteral.size() * KINDS];
        int i = 0;
        for (int[] kinds : byLiteral.values()) {
          for (int k = 0; k < KINDS; k++) {
            ids[i * KINDS + k] = kinds[k];
            if (kinds[k] >= 0) {
              slotOf.put(kinds[k], new int[] {p, i * KINDS + k});
            }
          }
          i++;
        }
        idsPerPlace.add(ids);
        triggersPerPlace.add(new ArrayList<>(Collections.nCopies(ids.length, null)));
      }
      List<Integer> always = new ArrayList<>();
      for (int r : ruleIndexes) {
        if (needs[r] == null) {
          always.add(r);
          continue;
        }
        for (int id : needs[r]) {
          int[] where = slotOf.get(id);
          List<List<Integer>> perSlot = triggersPerPlace.get(where[0]);
          if (perSlot.get(where[1]) == null) {
            perSlot.set(where[1], new ArrayList<>());
          }
          perSlot.get(where[1]).add(r);
        }
      }
      List<Scanner> canonical = new ArrayList<>();
      List<Scanner> raw = new ArrayList<>();
      Scanner text = null;
      for (int p = 0; p < places.size(); p++) {
        Place place = places.get(p);
        // Fields often share their literals (keywords are looked for in every keyword field, and
        // buckets overlap): one automaton per distinct literal list.
        AhoCorasick automaton =
            automata.computeIfAbsent(
                List.copyOf(byPlace.get(place).keySet()), l -> new AhoCorasick(l));
        List<List<Integer>> perSlot = triggersPerPlace.get(p);
        int[][] triggers = new int[perSlot.size()][];
        for (int k = 0; k < perSlot.size(); k++) {
          List<Integer> list = perSlot.get(k);
          triggers[k] = list == null ? null : list.stream().mapToInt(Integer::intValue).toArray();
        }
        int[] ids = idsPerPlace.get(p).clone();
        for (int k = 0; k < ids.length; k++) {
          ids[k] = ids[k] < 0 ? -1 : ids[k] << 1 | (triggers[k] != null ? 1 : 0);
        }
        Scanner scanner = new Scanner(place, automaton, ids, triggers);
        if (place.field() != null) {
          canonical.add(scanner);
        } else if (place.rawKey() != null) {
          raw.add(scanner);
        } else {
          text = scanner;
        }
      }
      Bucket bucket =
          new Bucket(
              canonical.toArray(new Scanner[0]),
              raw.isEmpty() ? null : new RawScanners(raw),
              text,
              always.stream().mapToInt(Integer::intValue).toArray());
      built.put(List.copyOf(ruleIndexes), bucket);
      return bucket;
    }

    private static int[] newKinds() {
      int[] kinds = new int[KINDS];
      Arrays.fill(kinds, -1);
      return kinds;
    }

    private int literal(Place place, LiteralKind kind, String text) {
      LiteralKey key = new LiteralKey(place, kind, Text.lower(text));
      Integer id = literalIds.get(key);
      if (id == null) {
        id = literals.size();
        literals.add(key);
        literalIds.put(key, id);
      }
      ruleLiterals.add(id);
      return id;
    }

    private Node node(Expr expr) {
      if (expr instanceof Expr.And and) {
        return new Nodes.And(nodes(and.operands()));
      }
      if (expr instanceof Expr.Or or) {
        return new Nodes.Or(nodes(or.operands()));
      }
      if (expr instanceof Expr.Not not) {
        return new Nodes.Not(node(not.operand()));
      }
      if (expr instanceof Expr.AtLeast atLeast) {
        return new Nodes.AtLeast(atLeast.min(), nodes(atLeast.operands()));
      }
      if (expr instanceof Expr.KeywordMatch keyword) {
        return keyword(keyword.test());
      }
      Expr.FieldMatch match = (Expr.FieldMatch) expr;
      return field(match.field(), match.test());
    }

    private List<Node> nodes(List<Expr> exprs) {
      List<Node> out = new ArrayList<>(exprs.size());
      for (Expr e : exprs) {
        out.add(node(e));
      }
      return out;
    }

    /**
     * A plain keyword becomes "the literal occurs in one of the keyword fields or in the record's
     * text", all answered by the automata; other keywords are evaluated directly.
     */
    private Node keyword(ValueTest test) {
      if (test instanceof StringTest s && !s.cased()) {
        LiteralShape shape = s.pattern().literalShape();
        if (shape != null && shape.kind() == LiteralKind.CONTAINS && !shape.literal().isEmpty()) {
          List<Node> anywhere = new ArrayList<>();
          for (EventField f : Nodes.KEYWORD_FIELDS) {
            anywhere.add(
                new Nodes.Hit(literal(new Place(f, null), LiteralKind.CONTAINS, shape.literal())));
          }
          anywhere.add(new Nodes.Hit(literal(Place.TEXT, LiteralKind.CONTAINS, shape.literal())));
          return new Nodes.Or(anywhere);
        }
      }
      return new Nodes.Keyword(test);
    }

    private Node field(SigmaField field, ValueTest test) {
      if (test instanceof FieldRefTest ref) {
        return new Nodes.FieldRef(field, ref);
      }
      Place place = place(field);
      if (test instanceof RegexTest regex) {
        return new Nodes.FieldTest(
            field, test, prefilter(place, RegexLiterals.required(regex.pattern())));
      }
      if (!(test instanceof StringTest s)) {
        return new Nodes.FieldTest(field, test, NONE);
      }
      LiteralShape shape = s.pattern().literalShape();
      boolean literal = place != null && shape != null && !shape.literal().isEmpty();
      if (literal && !s.cased()) {
        int id = literal(place, shape.kind(), shape.literal());
        return s.negated() ? new Nodes.NotHit(field, id) : new Nodes.Hit(id);
      }
      if (s.negated()) {
        return new Nodes.FieldTest(field, test, NONE);
      }
      if (literal) {
        // cased: the case-insensitive occurrence is necessary, the exact one is checked after
        return new Nodes.FieldTest(
            field, test, new int[] {literal(place, shape.kind(), shape.literal())});
      }
      String longest = null;
      for (String run : s.pattern().literalRuns()) {
        if (longest == null || run.length() > longest.length()) {
          longest = run;
        }
      }
      return new Nodes.FieldTest(
          field, test, prefilter(place, longest == null ? null : List.of(longest)));
    }

    /** Where a field's literals are searched; null for canonical fields no automaton scans. */
    private static Place place(SigmaField field) {
      EventField canonical = field.canonical();
      if (canonical == null) {
        return new Place(null, field.rawKey());
      }
      boolean scannable =
          canonical.isString()
              || canonical.kind() == FieldKind.IP
              || canonical.kind() == FieldKind.NUMBER;
      return scannable ? new Place(canonical, null) : null;
    }

    /** Literal ids one of which a passing value contains; none when there are no literals. */
    private int[] prefilter(Place place, List<String> required) {
      if (place == null || required == null) {
        return NONE;
      }
      int[] ids = new int[required.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = literal(place, LiteralKind.CONTAINS, required.get(i));
      }
      return ids;
    }

    /**
     * Literals at least one of which occurs in any event the node holds for; null when no such set
     * is known (the node must always be evaluated).
     */
    private int[] need(Node node) {
      if (node instanceof Nodes.Hit hit) {
        return new int[] {hit.literal};
      }
      if (node instanceof Nodes.FieldTest test) {
        return test.prefilter.length > 0 ? test.prefilter : null;
      }
      if (node instanceof Nodes.And and) {
        int[] best = null;
        double bestCost = Double.MAX_VALUE;
        for (Node operand : and.operands) {
          int[] n = need(operand);
          if (n != null && cost(n) < bestCost) {
            best = n;
            bestCost = cost(n);
          }
        }
        return best;
      }
      Node[] operands =
          node instanceof Nodes.Or or
              ? or.operands
              : node instanceof Nodes.AtLeast atLeast ? atLeast.operands : null;
      if (operands == null) {
        return null; // Not, NotHit, FieldRef, Keyword
      }
      Set<Integer> union = new TreeSet<>();
      for (Node operand : operands) {
        int[] n = need(operand);
        if (n == null) {
          return null;
        }
        for (int id : n) {
          union.add(id);
        }
      }
      return union.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * How often a set of literals can be expected to hit: short literals occur often, and a whole
     * value (equals) is rarer than a part of one.
     */
    private double cost(int[] need) {
      double cost = 0;
      for (int id : need) {
        LiteralKey key = literals.get(id);
        double weight = key.kind() == LiteralKind.EQUALS ? 0.5 : 1.0;
        cost += weight / Math.max(1, key.literal().length());
      }
      return cost;
    }
  }
}
