package io.hsystem.detection;

import io.hsystem.audit.AuditContext;
import io.hsystem.detection.internal.Catalog;
import io.hsystem.detection.internal.CatalogBuilder;
import io.hsystem.detection.internal.RuleRepository;
import io.hsystem.detection.sigma.SigmaLibrary;
import io.hsystem.detection.sigma.SigmaLoader;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules' façade: the shipped pack (read from the jar), rules users upload and packs they import
 * (kept in the database), each with an on/off switch. Every change rebuilds and swaps the compiled
 * {@link Catalog} the detection engine runs; a rule that does not load is refused with the reason,
 * never half-used.
 */
@Service
public class RuleService {

  static final String BUILTIN_PATTERN = "classpath*:detection/rules/**/*.yml";
  static final int MAX_YAML = 1 << 20;

  private final RuleRepository repository;
  private final Clock clock;
  private final Map<String, String> builtin;
  private volatile Catalog catalog;

  RuleService(RuleRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
    this.builtin = readBuiltin();
    reload();
  }

  /** The current compiled state. */
  public Catalog catalog() {
    return catalog;
  }

  /** Rebuilds the catalog from the shipped pack and the database. */
  public synchronized void reload() {
    catalog = CatalogBuilder.build(builtin, repository.all());
  }

  /** Filters of the rule list; null means any. */
  public record RuleFilter(
      String text,
      Rule.Kind kind,
      Rule.Origin origin,
      Boolean enabled,
      Severity level,
      String tactic) {}

  public Page<Rule> list(RuleFilter filter, PageQuery page) {
    Predicate<Rule> keep = r -> true;
    if (filter.text() != null && !filter.text().isBlank()) {
      String text = filter.text().trim().toLowerCase(Locale.ROOT);
      keep =
          keep.and(
              r ->
                  contains(r.title(), text)
                      || contains(r.id(), text)
                      || contains(r.name(), text)
                      || contains(r.description(), text)
                      || contains(r.author(), text)
                      || r.techniques().stream().anyMatch(t -> contains(t, text)));
    }
    if (filter.kind() != null) {
      keep = keep.and(r -> r.kind() == filter.kind());
    }
    if (filter.origin() != null) {
      keep = keep.and(r -> r.origin() == filter.origin());
    }
    if (filter.enabled() != null) {
      keep = keep.and(r -> r.enabled() == filter.enabled());
    }
    if (filter.level() != null) {
      keep = keep.and(r -> r.level() == filter.level());
    }
    if (filter.tactic() != null) {
      keep = keep.and(r -> r.tactics().contains(filter.tactic()));
    }
    List<Rule> matching = catalog.rules().stream().filter(keep).toList();
    int from = (int) Math.min(matching.size(), page.offset());
    int to = Math.min(matching.size(), from + page.size());
    return new Page<>(matching.size(), matching.subList(from, to));
  }

  public Rule get(String id) {
    Rule rule = catalog.rule(id);
    if (rule == null) {
      throw notFound(id);
    }
    return rule;
  }

  /** Stored rules that no longer load, with the reason. */
  public List<RuleImport.Refused> unusable() {
    return catalog.unusable();
  }

  @Transactional
  public Rule setEnabled(String id, boolean enabled, String by) {
    Rule rule = get(id);
    repository.setEnabled(id, origin(rule.origin()), enabled, by, clock.instant());
    AuditContext.target(id);
    AuditContext.detail("enabled", enabled);
    reload();
    return get(id);
  }

  /**
   * Adds the rules of one YAML text (one or more documents). Refuses the whole upload when any
   * document does not load, or when an id is taken and {@code replace} is false.
   */
  @Transactional
  public RuleImport create(String yaml, boolean replace, String by) {
    SigmaLibrary library = parse("upload.yml", yaml);
    if (!library.unsupported().isEmpty()) {
      var u = library.unsupported().get(0);
      throw new ApiException(
          DetectionProblem.RULE_INVALID,
          (u.title() == null ? "" : "'" + u.title() + "': ") + u.reason(),
          List.of(),
          Map.of("refused", refused(library)));
    }
    Map<String, String> documents = documents(library);
    List<String> added = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    for (Map.Entry<String, String> doc : documents.entrySet()) {
      Rule existing = catalog.rule(doc.getKey());
      if (existing != null && existing.origin() == Rule.Origin.BUILTIN) {
        throw new ApiException(
            DetectionProblem.BUILTIN_RULE, "id " + doc.getKey() + " belongs to a shipped rule");
      }
      if (existing != null && !replace) {
        throw new ApiException(
            DetectionProblem.RULE_EXISTS,
            "a rule with id " + doc.getKey() + " exists; update it instead");
      }
      (existing == null ? added : replaced).add(doc.getKey());
    }
    store(documents, "custom", by);
    AuditContext.detail("added", added);
    AuditContext.detail("replaced", replaced);
    return new RuleImport(added, replaced, List.of());
  }

  /** Replaces one custom or imported rule; the YAML must hold exactly that rule (same id). */
  @Transactional
  public Rule update(String id, String yaml, String by) {
    Rule rule = get(id);
    if (rule.origin() == Rule.Origin.BUILTIN) {
      throw new ApiException(
          DetectionProblem.BUILTIN_RULE, "shipped rules cannot be changed; disable it instead");
    }
    SigmaLibrary library = parse("update.yml", yaml);
    Map<String, String> documents = documents(library);
    if (!library.unsupported().isEmpty()) {
      throw new ApiException(
          DetectionProblem.RULE_INVALID,
          library.unsupported().get(0).reason(),
          List.of(),
          Map.of("refused", refused(library)));
    }
    if (documents.size() != 1 || !documents.containsKey(id)) {
      throw new ApiException(
          DetectionProblem.RULE_INVALID, "the YAML must hold exactly the rule with id " + id);
    }
    repository.upsert(
        id, origin(rule.origin()), documents.get(id), rule.enabled(), by, clock.instant());
    AuditContext.target(id);
    reload();
    return get(id);
  }

  @Transactional
  public void delete(String id) {
    Rule rule = get(id);
    if (rule.origin() == Rule.Origin.BUILTIN) {
      throw new ApiException(
          DetectionProblem.BUILTIN_RULE, "shipped rules cannot be deleted; disable it instead");
    }
    repository.delete(id);
    AuditContext.target(id);
    reload();
  }

  /**
   * Imports a rule pack (a zip of Sigma YAML files, e.g. SigmaHQ's): every rule that loads is added
   * or replaces the imported rule of the same id; the rest are reported with the reason. Ids of
   * shipped or custom rules are left alone (reported).
   */
  @Transactional
  public RuleImport importPack(InputStream zip, boolean enabled, String by) {
    Path file = null;
    SigmaLibrary library;
    try {
      file = Files.createTempFile("hsystem-rules", ".zip");
      try (var out = Files.newOutputStream(file)) {
        zip.transferTo(out);
      }
      library = new SigmaLoader().loadZip(file);
    } catch (IOException e) {
      throw new ApiException(
          DetectionProblem.PACK_INVALID, "the upload is not a readable zip archive");
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // a temp file left behind is harmless
        }
      }
    }
    List<RuleImport.Refused> refused = new ArrayList<>(refused(library));
    Map<String, String> documents = new LinkedHashMap<>();
    List<String> added = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    Map<String, String> sources = sources(library);
    for (Map.Entry<String, String> doc : documents(library).entrySet()) {
      Rule existing = catalog.rule(doc.getKey());
      if (existing != null && existing.origin() != Rule.Origin.IMPORTED) {
        refused.add(
            new RuleImport.Refused(
                sources.get(doc.getKey()),
                doc.getKey(),
                existing.title(),
                "id already used by a " + origin(existing.origin()) + " rule"));
        continue;
      }
      documents.put(doc.getKey(), doc.getValue());
      (existing == null ? added : replaced).add(doc.getKey());
    }
    for (Map.Entry<String, String> doc : documents.entrySet()) {
      // a replaced rule keeps its switch: the upsert sets it for new rows only
      repository.upsert(doc.getKey(), "imported", doc.getValue(), enabled, by, clock.instant());
    }
    reload();
    AuditContext.detail("added", added.size());
    AuditContext.detail("replaced", replaced.size());
    AuditContext.detail("refused", refused.size());
    return new RuleImport(added, replaced, refused);
  }

  private void store(Map<String, String> documents, String origin, String by) {
    for (Map.Entry<String, String> doc : documents.entrySet()) {
      repository.upsert(doc.getKey(), origin, doc.getValue(), true, by, clock.instant());
    }
    reload();
  }

  /** Loads YAML on its own, for checking an upload. */
  static SigmaLibrary parse(String source, String yaml) {
    if (yaml == null || yaml.isBlank()) {
      throw new ApiException(DetectionProblem.RULE_INVALID, "send the rule's YAML");
    }
    if (yaml.length() > MAX_YAML) {
      throw new ApiException(
          DetectionProblem.RULE_INVALID, "a rule file is at most " + MAX_YAML + " characters");
    }
    return new SigmaLoader().load(source, yaml);
  }

  /** id → document YAML of every rule and correlation loaded; rules need ids. */
  private static Map<String, String> documents(SigmaLibrary library) {
    Map<String, String> documents = new LinkedHashMap<>();
    for (var rule : library.rules()) {
      documents.put(requireId(rule.id(), rule.title()), rule.yaml());
    }
    for (var correlation : library.correlations()) {
      documents.put(requireId(correlation.id(), correlation.title()), correlation.yaml());
    }
    return documents;
  }

  private static Map<String, String> sources(SigmaLibrary library) {
    Map<String, String> sources = new LinkedHashMap<>();
    library.rules().forEach(r -> sources.put(r.id(), r.source()));
    library.correlations().forEach(c -> sources.put(c.id(), c.source()));
    return sources;
  }

  private static String requireId(String id, String title) {
    if (id == null || id.isBlank()) {
      throw new ApiException(
          DetectionProblem.RULE_INVALID,
          "'" + title + "' has no id: give every rule an id (a UUID) so alerts can name it");
    }
    if (id.length() > 128) {
      throw new ApiException(DetectionProblem.RULE_INVALID, "rule ids are at most 128 characters");
    }
    return id;
  }

  private static List<RuleImport.Refused> refused(SigmaLibrary library) {
    return library.unsupported().stream()
        .map(u -> new RuleImport.Refused(u.source(), u.ruleId(), u.title(), u.reason()))
        .toList();
  }

  private static boolean contains(String value, String lowerText) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(lowerText);
  }

  private static String origin(Rule.Origin origin) {
    return origin.name().toLowerCase(Locale.ROOT);
  }

  private static ApiException notFound(String id) {
    return new ApiException(DetectionProblem.RULE_NOT_FOUND, "no rule with id " + id);
  }

  private static Map<String, String> readBuiltin() {
    Map<String, String> files = new LinkedHashMap<>();
    try {
      Resource[] resources =
          new PathMatchingResourcePatternResolver().getResources(BUILTIN_PATTERN);
      java.util.Arrays.sort(resources, java.util.Comparator.comparing(RuleService::path));
      for (Resource resource : resources) {
        try (InputStream in = resource.getInputStream()) {
          files.put(path(resource), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped rule pack", e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("the shipped rule pack is missing from the jar");
    }
    return files;
  }

  private static String path(Resource resource) {
    try {
      String url = resource.getURL().toString();
      int at = url.lastIndexOf("detection/rules/");
      return at < 0 ? resource.getFilename() : url.substring(at);
    } catch (IOException e) {
      return String.valueOf(resource.getFilename());
    }
  }
}
