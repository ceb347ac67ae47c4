package io.hsystem.detection.internal;

import io.hsystem.detection.Rule;
import io.hsystem.detection.RuleImport;
import io.hsystem.detection.sigma.CorrelationRule;
import io.hsystem.detection.sigma.SigmaRule;
import io.hsystem.detection.sigma.SigmaRuleSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One immutable state of the rules: every rule known (enabled or not), the compiled set of the
 * enabled single-event rules, the enabled correlations, and which rules only feed correlations
 * (Sigma 2 {@code generate: false}) and so raise nothing on their own.
 */
public final class Catalog {

  private final Map<String, Rule> rules;
  private final SigmaRuleSet active;
  private final List<CorrelationRule> correlations;
  private final Set<String> silent;
  private final List<RuleImport.Refused> unusable;

  Catalog(
      List<Rule> rules,
      List<SigmaRule> enabledRules,
      List<CorrelationRule> enabledCorrelations,
      List<RuleImport.Refused> unusable) {
    Map<String, Rule> byId = new LinkedHashMap<>();
    for (Rule rule : rules) {
      byId.put(rule.id(), rule);
    }
    this.rules = java.util.Collections.unmodifiableMap(byId);
    this.active = SigmaRuleSet.compile(enabledRules);
    this.correlations = List.copyOf(enabledCorrelations);
    Set<String> generating = new HashSet<>();
    Set<String> referenced = new HashSet<>();
    for (CorrelationRule c : enabledCorrelations) {
      (c.generate() ? generating : referenced).addAll(c.rules());
    }
    Set<String> quiet = new HashSet<>();
    for (SigmaRule rule : enabledRules) {
      boolean feeds = referenced.contains(rule.id()) || referenced.contains(rule.name());
      boolean alsoAlerts = generating.contains(rule.id()) || generating.contains(rule.name());
      if (feeds && !alsoAlerts) {
        quiet.add(rule.id());
      }
    }
    this.silent = Set.copyOf(quiet);
    this.unusable = List.copyOf(unusable);
  }

  /** Every rule, in load order. */
  public List<Rule> rules() {
    return List.copyOf(rules.values());
  }

  public Rule rule(String id) {
    return rules.get(id);
  }

  /** The compiled enabled single-event rules. */
  public SigmaRuleSet active() {
    return active;
  }

  public List<CorrelationRule> correlations() {
    return correlations;
  }

  /** True when matches of this rule only feed correlations. */
  public boolean silent(SigmaRule rule) {
    return silent.contains(rule.id());
  }

  /** Stored rules that no longer load (e.g. after an upgrade), with the reason. */
  public List<RuleImport.Refused> unusable() {
    return unusable;
  }
}
