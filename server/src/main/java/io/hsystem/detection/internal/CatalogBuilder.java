package io.hsystem.detection.internal;

import io.hsystem.detection.Rule;
import io.hsystem.detection.RuleImport;
import io.hsystem.detection.sigma.CorrelationRule;
import io.hsystem.detection.sigma.SigmaLibrary;
import io.hsystem.detection.sigma.SigmaLoader;
import io.hsystem.detection.sigma.SigmaRule;
import io.hsystem.detection.sigma.Unsupported;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Catalog} from the shipped pack and the stored rules, loaded together so that
 * correlations may refer to rules of any origin.
 */
public final class CatalogBuilder {

  private static final Logger log = LoggerFactory.getLogger(CatalogBuilder.class);
  static final String CUSTOM = "custom";
  static final String IMPORTED = "imported";

  private CatalogBuilder() {}

  /**
   * @param builtin path → YAML of the shipped files
   * @param stored the database rows (shipped rules' switches, custom and imported rules)
   */
  public static Catalog build(Map<String, String> builtin, List<RuleRepository.Row> stored) {
    Map<String, String> sources = new LinkedHashMap<>(builtin);
    Map<String, RuleRepository.Row> rows = new HashMap<>();
    Map<String, Rule.Origin> originOfSource = new HashMap<>();
    builtin.keySet().forEach(s -> originOfSource.put(s, Rule.Origin.BUILTIN));
    for (RuleRepository.Row row : stored) {
      rows.put(row.ruleId(), row);
      if (row.yaml() != null) {
        String source = row.origin() + ":" + row.ruleId();
        sources.put(source, row.yaml());
        originOfSource.put(
            source, IMPORTED.equals(row.origin()) ? Rule.Origin.IMPORTED : Rule.Origin.CUSTOM);
      }
    }
    SigmaLibrary library = new SigmaLoader().loadAll(sources);
    List<Rule> rules = new ArrayList<>();
    List<SigmaRule> enabledRules = new ArrayList<>();
    List<CorrelationRule> enabledCorrelations = new ArrayList<>();
    for (SigmaRule rule : library.rules()) {
      if (rule.id() == null) {
        continue;
      }
      boolean enabled = enabled(rows, rule.id());
      rules.add(
          new Rule(
              rule.id(),
              rule.name(),
              rule.title(),
              Rule.Kind.RULE,
              originOfSource.getOrDefault(rule.source(), Rule.Origin.CUSTOM),
              enabled,
              rule.level(),
              rule.status(),
              rule.author(),
              rule.description(),
              rule.logsource().toString(),
              rule.tactics(),
              rule.techniques(),
              rule.references(),
              rule.falsePositives(),
              null,
              List.of(),
              List.of(),
              null,
              rule.source(),
              rule.yaml()));
      if (enabled) {
        enabledRules.add(rule);
      }
    }
    for (CorrelationRule c : library.correlations()) {
      if (c.id() == null) {
        continue;
      }
      boolean enabled = enabled(rows, c.id());
      rules.add(
          new Rule(
              c.id(),
              c.name(),
              c.title(),
              Rule.Kind.CORRELATION,
              originOfSource.getOrDefault(c.source(), Rule.Origin.CUSTOM),
              enabled,
              c.level(),
              c.status(),
              c.author(),
              c.description(),
              null,
              c.tactics(),
              c.techniques(),
              c.references(),
              List.of(),
              c.type().name().toLowerCase(java.util.Locale.ROOT),
              c.rules(),
              c.groupBy().stream().map(f -> f.name()).toList(),
              c.timespan(),
              c.source(),
              c.yaml()));
      if (enabled) {
        enabledCorrelations.add(c);
      }
    }
    List<RuleImport.Refused> unusable = new ArrayList<>();
    for (Unsupported u : library.unsupported()) {
      if (originOfSource.get(u.source()) == Rule.Origin.BUILTIN) {
        // the shipped pack is tested to load whole; this is a packaging fault
        log.error("shipped rule {} does not load: {}", u.source(), u.reason());
      }
      unusable.add(new RuleImport.Refused(u.source(), u.ruleId(), u.title(), u.reason()));
    }
    return new Catalog(rules, enabledRules, enabledCorrelations, unusable);
  }

  private static boolean enabled(Map<String, RuleRepository.Row> rows, String id) {
    RuleRepository.Row row = rows.get(id);
    return row == null || row.enabled();
  }
}
