package io.hsystem.detection.sigma;

import java.util.List;
import java.util.Optional;

/**
 * What a load produced: the runnable rules, the correlation rules (whose references all resolve to
 * loaded rules or correlations), and every document that could not be used, with its reason.
 */
public record SigmaLibrary(
    List<SigmaRule> rules, List<CorrelationRule> correlations, List<Unsupported> unsupported) {

  public SigmaLibrary {
    rules = List.copyOf(rules);
    correlations = List.copyOf(correlations);
    unsupported = List.copyOf(unsupported);
  }

  /** The rule with this id or name. */
  public Optional<SigmaRule> rule(String idOrName) {
    return rules.stream()
        .filter(r -> idOrName.equals(r.id()) || idOrName.equals(r.name()))
        .findFirst();
  }

  /** The correlation rule with this id or name. */
  public Optional<CorrelationRule> correlation(String idOrName) {
    return correlations.stream()
        .filter(c -> idOrName.equals(c.id()) || idOrName.equals(c.name()))
        .findFirst();
  }
}
