package io.hsystem.detection;

import java.util.List;

/**
 * What an upload or a pack import did: rules added, rules replaced, and every document that could
 * not be used with the reason.
 */
public record RuleImport(List<String> added, List<String> replaced, List<Refused> refused) {

  /** A document that was not loaded. */
  public record Refused(String source, String ruleId, String title, String reason) {}
}
