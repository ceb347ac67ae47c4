package io.hsystem.detection.sigma;

import io.hsystem.shared.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads Sigma rules from YAML text, a folder or a zip archive.
 *
 * <p>YAML is read with SnakeYAML's {@link SafeConstructor} only (maps, lists, strings, numbers,
 * booleans: no application types), duplicate keys refused, and bounded in size, aliases and
 * nesting. Timestamps stay strings. A file may hold several documents separated by {@code ---};
 * each becomes a {@link SigmaRule}, a {@link CorrelationRule} or an {@link Unsupported} entry with
 * the precise reason. Nothing a rule contains makes a load throw or keeps the other rules from
 * loading.
 *
 * <p>After all files are read, duplicate ids are refused (the first stays) and correlation rules
 * whose references do not resolve to a loaded rule or correlation are moved to {@link Unsupported}.
 */
public final class SigmaLoader {

  /**
   * Bounds that keep a hostile file or archive from exhausting the server.
   *
   * @param maxFileBytes largest rule file (and archive entry), in bytes
   * @param maxAliases most YAML aliases to collections in one document
   * @param maxNesting deepest YAML nesting
   * @param maxFiles most files in a folder, or entries in an archive
   * @param maxTotalBytes most bytes read from a folder or an archive (uncompressed)
   */
  public record Limits(
      int maxFileBytes, int maxAliases, int maxNesting, int maxFiles, long maxTotalBytes) {

    /** 1 MiB per file, 20 aliases, nesting 32, 20,000 files, 256 MiB in all. */
    public static final Limits DEFAULT = new Limits(1 << 20, 20, 32, 20_000, 256L << 20);
  }

  private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([smhdw])");

  private final Limits limits;

  /** A loader with the {@link Limits#DEFAULT default limits}. */
  public SigmaLoader() {
    this(Limits.DEFAULT);
  }

  public SigmaLoader(Limits limits) {
    this.limits = limits;
  }

  /**
   * Loads the documents of one YAML text.
   *
   * @param source the name reported with each rule and problem, e.g. the file name
   */
  public SigmaLibrary load(String source, String yaml) {
    Collector collector = new Collector();
    if (yaml.length() > limits.maxFileBytes) {
      collector.refuse(source, null, null, tooLarge(yaml.length()));
    } else {
      readDocuments(source, yaml, collector);
    }
    return collector.finish();
  }

  /**
   * Loads several YAML texts together, so that correlations in one may refer to rules in another.
   *
   * @param files source name → YAML text, loaded in this order
   */
  public SigmaLibrary loadAll(Map<String, String> files) {
    Collector collector = new Collector();
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getValue().length() > limits.maxFileBytes) {
        collector.refuse(file.getKey(), null, null, tooLarge(file.getValue().length()));
      } else {
        readDocuments(file.getKey(), file.getValue(), collector);
      }
    }
    return collector.finish();
  }

  /**
   * Loads every {@code .yml}/{@code .yaml} file under a folder, in path order. Symbolic links are
   * not followed; files beyond {@link Limits#maxTotalBytes()} are refused, not read.
   *
   * @throws IOException when the folder cannot be listed or a file cannot be read
   */
  public SigmaLibrary loadFolder(Path folder) throws IOException {
    Collector collector = new Collector();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> isRuleFile(p.toString()))
              .sorted()
              .toList();
    }
    if (files.size() > limits.maxFiles) {
      collector.refuse(
          folder.toString(),
          null,
          null,
          "folder holds " + files.size() + " rule files, more than the limit " + limits.maxFiles);
      return collector.finish();
    }
    long total = 0;
    for (Path file : files) {
      String name = folder.relativize(file).toString().replace('\\', '/');
      long size = Files.size(file);
      if (size > limits.maxFileBytes) {
        collector.refuse(name, null, null, tooLarge(size));
        continue;
      }
      total += size;
      if (total > limits.maxTotalBytes) {
        collector.refuse(
            name,
            null,
            null,
            "folder exceeds " + limits.maxTotalBytes + " bytes; not read further");
        break;
      }
      readFile(name, Files.readAllBytes(file), collector);
    }
    return collector.finish();
  }

  /**
   * Loads every {@code .yml}/{@code .yaml} entry of a zip archive, in entry-name order. An archive
   * with more entries or more uncompressed bytes than the limits, or with an entry whose name
   * leaves the archive ({@code ..}, absolute paths), is refused as a whole: nothing of it is
   * loaded.
   *
   * @throws IOException when the file cannot be read
   */
  public SigmaLibrary loadZip(Path zip) throws IOException {
    String archive = zip.getFileName().toString();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      if (file.size() > limits.maxFiles) {
        return refused(
            archive,
            "archive holds " + file.size() + " entries, more than the limit " + limits.maxFiles);
      }
      List<ZipEntry> ruleEntries = new ArrayList<>();
      Enumeration<? extends ZipEntry> all = file.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        String unsafe = unsafeEntryName(entry.getName());
        if (unsafe != null) {
          return refused(archive, "entry '" + entry.getName() + "' " + unsafe);
        }
        if (!entry.isDirectory() && isRuleFile(entry.getName())) {
          ruleEntries.add(entry);
        }
      }
      ruleEntries.sort(Comparator.comparing(ZipEntry::getName));
      long total = 0;
      for (ZipEntry entry : ruleEntries) {
        // The sizes in the archive's directory may lie: count what is actually inflated.
        byte[] bytes = readBounded(file, entry, limits.maxFileBytes);
        if (bytes == null) {
          entries.put(entry.getName(), null);
          continue;
        }
        total += bytes.length;
        if (total > limits.maxTotalBytes) {
          return refused(
              archive, "archive inflates to more than " + limits.maxTotalBytes + " bytes");
        }
        entries.put(entry.getName(), bytes);
      }
    } catch (ZipException e) {
      return refused(archive, "not a readable zip archive: " + e.getMessage());
    }
    Collector collector = new Collector();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (e.getValue() == null) {
        collector.refuse(
            e.getKey(),
            null,
            null,
            "entry inflates to more than the limit of " + limits.maxFileBytes + " bytes");
      } else {
        readFile(e.getKey(), e.getValue(), collector);
      }
    }
    return collector.finish();
  }

  private SigmaLibrary refused(String archive, String reason) {
    return new SigmaLibrary(
        List.of(), List.of(), List.of(new Unsupported(archive, null, null, reason)));
  }

  /** Why an archive entry name is unsafe, or null when it stays inside the archive. */
  static String unsafeEntryName(String name) {
    String n = name.replace('\\', '/');
    if (n.startsWith("/") || (n.length() > 1 && n.charAt(1) == ':')) {
      return "is an absolute path";
    }
    for (String segment : n.split("/")) {
      if (segment.equals("..")) {
        return "leaves the archive ('..')";
      }
    }
    return null;
  }

  /** The entry's bytes, or null when it inflates beyond {@code max}. */
  private static byte[] readBounded(ZipFile file, ZipEntry entry, int max) throws IOException {
    try (InputStream in = file.getInputStream(entry)) {
      byte[] bytes = in.readNBytes(max + 1);
      return bytes.length > max ? null : bytes;
    }
  }

  private static boolean isRuleFile(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yml") || lower.endsWith(".yaml");
  }

  private String tooLarge(long size) {
    return "file is " + size + " bytes, over the limit of " + limits.maxFileBytes;
  }

  private void readFile(String source, byte[] bytes, Collector collector) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      collector.refuse(source, null, null, "file is not UTF-8 text");
      return;
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    readDocuments(source, text, collector);
  }

  private void readDocuments(String source, String text, Collector collector) {
    List<String> documents = splitDocuments(text);
    for (int i = 0; i < documents.size(); i++) {
      String document = documents.get(i);
      String where = documents.size() > 1 ? source + " (document " + (i + 1) + ")" : source;
      Object parsed;
      try {
        parsed = collector.yaml.load(document);
      } catch (YAMLException e) {
        collector.refuse(where, null, null, "YAML: " + yamlProblem(e));
        continue;
      }
      if (parsed == null) {
        continue; // an empty or comment-only document
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        collector.refuse(
            where,
            null,
            null,
            "document is a " + DetectionCompiler.describe(parsed) + ", not a rule");
        continue;
      }
      String id = optionalText(map, "id");
      String title = optionalText(map, "title");
      try {
        if (map.containsKey("correlation")) {
          collector.correlations.add(correlation(map, where, document));
        } else {
          collector.rules.add(rule(map, where, document));
        }
      } catch (UnsupportedRuleException e) {
        collector.refuse(where, id, title, e.getMessage());
      }
    }
  }

  /**
   * Splits a text into YAML documents at {@code ---} lines (and {@code ...} end markers). YAML
   * forbids these markers inside scalars, so a line starting with one always separates documents.
   */
  static List<String> splitDocuments(String text) {
    List<String> documents = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\r?\n", -1)) {
      if (isMarker(line, "---") || isMarker(line, "...")) {
        if (!current.toString().isBlank()) {
          documents.add(current.toString());
        }
        current.setLength(0);
        String rest = line.substring(3).strip();
        if (line.startsWith("---") && !rest.isEmpty() && !rest.startsWith("#")) {
          current.append(rest).append('\n');
        }
      } else {
        current.append(line).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      documents.add(current.toString());
    }
    return documents;
  }

  private static boolean isMarker(String line, String marker) {
    return line.startsWith(marker)
        && (line.length() == 3 || Character.isWhitespace(line.charAt(3)));
  }

  private Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(limits.maxAliases);
    options.setNestingDepthLimit(limits.maxNesting);
    options.setCodePointLimit(limits.maxFileBytes);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(
        new SafeConstructor(options),
        new Representer(dumper),
        dumper,
        options,
        new TextTimestamps());
  }

  /**
   * SnakeYAML's YAML 1.1 resolver without timestamps: dates stay the strings they were written as.
   */
  private static final class TextTimestamps extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
      addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
      addImplicitResolver(Tag.NULL, EMPTY, null, 10);
    }
  }

  private static SigmaRule rule(Map<?, ?> map, String source, String yaml)
      throws UnsupportedRuleException {
    if (map.containsKey("action")) {
      throw new UnsupportedRuleException(
          "Sigma 1 rule collections ('action: " + map.get("action") + "') are not supported");
    }
    if (map.containsKey("filter")) {
      throw new UnsupportedRuleException("Sigma filters are not supported");
    }
    SigmaRule.Metadata meta = metadata(map, source, yaml);
    Object ls = map.get("logsource");
    if (!(ls instanceof Map<?, ?> logsourceMap)) {
      throw new UnsupportedRuleException("logsource: missing or not a map");
    }
    SigmaLogsource logsource =
        new SigmaLogsource(
            lowerText(logsourceMap, "category"),
            lowerText(logsourceMap, "product"),
            lowerText(logsourceMap, "service"));
    if (!map.containsKey("detection")) {
      throw new UnsupportedRuleException("detection: missing");
    }
    Expr detection = DetectionCompiler.compile(map.get("detection"));
    LogsourceTarget target = Logsources.target(logsource);
    return new SigmaRule(meta, logsource, detection, target);
  }

  private static SigmaRule.Metadata metadata(Map<?, ?> map, String source, String yaml)
      throws UnsupportedRuleException {
    String title = text(map, "title");
    if (title == null || title.isBlank()) {
      throw new UnsupportedRuleException("title: missing");
    }
    return new SigmaRule.Metadata(
        text(map, "id"),
        text(map, "name"),
        title,
        text(map, "description"),
        text(map, "author"),
        text(map, "date"),
        text(map, "modified"),
        lowerText(map, "status"),
        level(map),
        texts(map, "tags"),
        texts(map, "references"),
        texts(map, "falsepositives"),
        source,
        yaml);
  }

  private static Severity level(Map<?, ?> map) throws UnsupportedRuleException {
    String level = lowerText(map, "level");
    if (level == null) {
      return null;
    }
    return switch (level) {
      case "informational" -> Severity.INFO;
      case "low" -> Severity.LOW;
      case "medium" -> Severity.MEDIUM;
      case "high" -> Severity.HIGH;
      case "critical" -> Severity.CRITICAL;
      default ->
          throw new UnsupportedRuleException(
              "level: '" + level + "' is not informational, low, medium, high or critical");
    };
  }

  private CorrelationRule correlation(Map<?, ?> map, String source, String yaml)
      throws UnsupportedRuleException {
    SigmaRule.Metadata meta = metadata(map, source, yaml);
    if (!(map.get("correlation") instanceof Map<?, ?> c)) {
      throw new UnsupportedRuleException("correlation: expected a map");
    }
    String typeName = text(c, "type");
    if (typeName == null) {
      throw new UnsupportedRuleException("correlation.type: missing");
    }
    CorrelationRule.Type type;
    try {
      type = CorrelationRule.Type.valueOf(typeName.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UnsupportedRuleException(
          "correlation.type: '"
              + typeName
              + "' is not event_count, value_count, temporal or temporal_ordered");
    }
    List<String> rules = texts(c, "rules");
    if (rules.isEmpty()) {
      throw new UnsupportedRuleException("correlation.rules: missing");
    }
    List<SigmaField> groupBy = new ArrayList<>();
    for (String field : texts(c, "group-by")) {
      groupBy.add(SigmaField.of(field));
    }
    Duration timespan = timespan(text(c, "timespan"));
    List<CorrelationRule.Bound> bounds = new ArrayList<>();
    SigmaField valueField = null;
    Object condition = c.get("condition");
    if (condition != null) {
      if (!(condition instanceof Map<?, ?> cond) || cond.isEmpty()) {
        throw new UnsupportedRuleException("correlation.condition: expected a map such as gte: 10");
      }
      for (Map.Entry<?, ?> e : cond.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (key.equals("field")) {
          valueField = SigmaField.of(String.valueOf(e.getValue()));
          continue;
        }
        CorrelationRule.Comparison comparison;
        try {
          comparison = CorrelationRule.Comparison.valueOf(key.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
          throw new UnsupportedRuleException(
              "correlation.condition: '" + key + "' is not gt, gte, lt, lte, eq or neq");
        }
        if (!(e.getValue() instanceof Integer || e.getValue() instanceof Long)) {
          throw new UnsupportedRuleException(
              "correlation.condition." + key + ": expected a whole number");
        }
        bounds.add(new CorrelationRule.Bound(comparison, ((Number) e.getValue()).longValue()));
      }
    }
    boolean counting =
        type == CorrelationRule.Type.EVENT_COUNT || type == CorrelationRule.Type.VALUE_COUNT;
    if (counting && bounds.isEmpty()) {
      throw new UnsupportedRuleException("correlation.condition: required for " + typeName);
    }
    if (type == CorrelationRule.Type.VALUE_COUNT && valueField == null) {
      throw new UnsupportedRuleException("correlation.condition.field: required for value_count");
    }
    if (type != CorrelationRule.Type.VALUE_COUNT && valueField != null) {
      throw new UnsupportedRuleException(
          "correlation.condition.field: only value_count counts a field");
    }
    Map<String, Map<String, SigmaField>> aliases = new HashMap<>();
    if (c.get("aliases") instanceof Map<?, ?> aliasMap) {
      for (Map.Entry<?, ?> alias : aliasMap.entrySet()) {
        if (!(alias.getValue() instanceof Map<?, ?> perRule)) {
          throw new UnsupportedRuleException(
              "correlation.aliases." + alias.getKey() + ": expected rule name → field");
        }
        Map<String, SigmaField> fields = new HashMap<>();
        for (Map.Entry<?, ?> f : perRule.entrySet()) {
          fields.put(String.valueOf(f.getKey()), SigmaField.of(String.valueOf(f.getValue())));
        }
        aliases.put(String.valueOf(alias.getKey()), fields);
      }
    } else if (c.containsKey("aliases")) {
      throw new UnsupportedRuleException("correlation.aliases: expected a map");
    }
    Object generate = c.containsKey("generate") ? c.get("generate") : map.get("generate");
    if (generate != null && !(generate instanceof Boolean)) {
      throw new UnsupportedRuleException("generate: expected true or false");
    }
    return new CorrelationRule(
        meta.id(),
        meta.name(),
        meta.title(),
        meta.description(),
        meta.author(),
        meta.level(),
        type,
        rules,
        groupBy,
        timespan,
        bounds,
        valueField,
        aliases,
        Boolean.TRUE.equals(generate),
        meta.status(),
        meta.tags(),
        meta.references(),
        source,
        yaml);
  }

  /** {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}, {@code 1w}. */
  static Duration timespan(String text) throws UnsupportedRuleException {
    if (text == null) {
      throw new UnsupportedRuleException("correlation.timespan: missing");
    }
    Matcher m = TIMESPAN.matcher(text.strip());
    if (!m.matches()) {
      throw new UnsupportedRuleException(
          "correlation.timespan: '" + text + "' is not a number followed by s, m, h, d or w");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(7 * n);
        };
    if (d.isZero()) {
      throw new UnsupportedRuleException("correlation.timespan: must be longer than zero");
    }
    return d;
  }

  private static String text(Map<?, ?> map, String key) throws UnsupportedRuleException {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      throw new UnsupportedRuleException(
          key + ": expected text, got a " + DetectionCompiler.describe(v));
    }
    return String.valueOf(v);
  }

  /** Like {@link #text} but never refusing: for naming a document that is refused anyway. */
  private static String optionalText(Map<?, ?> map, String key) {
    Object v = map.get(key);
    return v instanceof String || v instanceof Number ? String.valueOf(v) : null;
  }

  private static String lowerText(Map<?, ?> map, String key) throws UnsupportedRuleException {
    String v = text(map, key);
    return v == null ? null : v.strip().toLowerCase(Locale.ROOT);
  }

  /** A list of scalars, or a single scalar, as texts; absent is empty. */
  private static List<String> texts(Map<?, ?> map, String key) throws UnsupportedRuleException {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object item : list) {
        if (item instanceof Map<?, ?> || item instanceof List<?>) {
          throw new UnsupportedRuleException(key + ": expected a list of texts");
        }
        if (item != null) {
          out.add(String.valueOf(item));
        }
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Map<?, ?>) {
      throw new UnsupportedRuleException(key + ": expected a list of texts, got a map");
    }
    return List.of(String.valueOf(v));
  }

  /** SnakeYAML's problem and where it is, without its multi-line excerpt of the document. */
  private static String yamlProblem(YAMLException e) {
    if (e instanceof MarkedYAMLException marked && marked.getProblem() != null) {
      Mark mark = marked.getProblemMark();
      String at =
          mark == null
              ? ""
              : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
      return marked.getProblem() + at;
    }
    String message = e.getMessage() == null ? "unreadable" : e.getMessage().strip();
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** Gathers the results of one load and checks them as a whole at the end. */
  private final class Collector {
    /** One YAML reader per load: SnakeYAML's are not thread-safe, and costly to build per file. */
    final Yaml yaml = newYaml();

    final List<SigmaRule> rules = new ArrayList<>();
    final List<CorrelationRule> correlations = new ArrayList<>();
    final List<Unsupported> unsupported = new ArrayList<>();

    void refuse(String source, String id, String title, String reason) {
      unsupported.add(new Unsupported(source, id, title, reason));
    }

    SigmaLibrary finish() {
      Map<String, String> seen = new HashMap<>();
      List<SigmaRule> keptRules = new ArrayList<>();
      for (SigmaRule r : rules) {
        String first = r.id() == null ? null : seen.putIfAbsent(r.id(), r.source());
        if (first != null) {
          refuse(r.source(), r.id(), r.title(), "duplicate id: already defined in " + first);
        } else {
          keptRules.add(r);
        }
      }
      List<CorrelationRule> kept = new ArrayList<>();
      for (CorrelationRule c : correlations) {
        String first = c.id() == null ? null : seen.putIfAbsent(c.id(), c.source());
        if (first != null) {
          refuse(c.source(), c.id(), c.title(), "duplicate id: already defined in " + first);
        } else {
          kept.add(c);
        }
      }
      // A correlation may refer to another correlation: drop unresolvable ones until stable.
      boolean changed = true;
      while (changed) {
        changed = false;
        for (CorrelationRule c : List.copyOf(kept)) {
          String missing = unresolved(c, keptRules, kept);
          if (missing != null) {
            kept.remove(c);
            refuse(
                c.source(),
                c.id(),
                c.title(),
                "correlation.rules: '" + missing + "' is not a loaded rule or correlation");
            changed = true;
          }
        }
      }
      return new SigmaLibrary(keptRules, kept, unsupported);
    }

    private static String unresolved(
        CorrelationRule c, List<SigmaRule> rules, List<CorrelationRule> correlations) {
      for (String ref : c.rules()) {
        boolean found =
            rules.stream().anyMatch(r -> ref.equals(r.id()) || ref.equals(r.name()))
                || correlations.stream()
                    .anyMatch(o -> o != c && (ref.equals(o.id()) || ref.equals(o.name())));
        if (!found) {
          return ref;
        }
      }
      return null;
    }
  }
}
