package io.hsystem.system.web;

import io.hsystem.shared.web.ProblemResponses;
import tools.jackson.databind.json.JsonMapper;

/** Builds the package-private filter with a token, for the test beside it. */
public record MetricsAccessFilterProbe(String token, JsonMapper json) {
  public jakarta.servlet.Filter filter() {
    return new MetricsAccessFilter(token, new ProblemResponses(json));
  }
}
