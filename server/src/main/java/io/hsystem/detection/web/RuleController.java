package io.hsystem.detection.web;

import io.hsystem.audit.Audited;
import io.hsystem.detection.DryRun;
import io.hsystem.detection.Rule;
import io.hsystem.detection.RuleImport;
import io.hsystem.detection.RuleService;
import io.hsystem.hunting.EventJson;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.Severity;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Rules: list and read (with the YAML), enable/disable, upload and update custom rules, delete,
 * import a SigmaHQ-style pack, dry-run a rule against sample events or a hunting query's results.
 * YAML is sent as the raw body ({@code application/yaml} or {@code text/plain}) or as {@code
 * {"yaml": "..."}}.
 */
@RestController
@RequestMapping("/api/v1/rules")
class RuleController {

  static final long MAX_PACK_BYTES = 64L << 20;

  private final RuleService rules;
  private final DryRun dryRun;

  RuleController(RuleService rules, DryRun dryRun) {
    this.rules = rules;
    this.dryRun = dryRun;
  }

  record RuleJson(
      String id,
      String name,
      String title,
      String kind,
      String origin,
      boolean enabled,
      String level,
      String status,
      String author,
      String description,
      String logsource,
      List<String> attackTactics,
      List<String> attackTechniques,
      String correlationType,
      List<String> correlatedRules,
      List<String> groupBy,
      Long timespanSeconds,
      String source) {

    static RuleJson of(Rule r) {
      return new RuleJson(
          r.id(),
          r.name(),
          r.title(),
          Enums.value(r.kind()),
          Enums.value(r.origin()),
          r.enabled(),
          r.level() == null ? null : r.level().value(),
          r.status(),
          r.author(),
          r.description(),
          r.logsource(),
          r.tactics(),
          r.techniques(),
          r.correlationType(),
          r.correlated(),
          r.groupBy(),
          r.timespan() == null ? null : r.timespan().toSeconds(),
          r.source());
    }
  }

  record RuleDetailJson(
      @com.fasterxml.jackson.annotation.JsonUnwrapped RuleJson rule,
      List<String> references,
      List<String> falsePositives,
      String yaml) {}

  record EnabledRequest(Boolean enabled) {}

  @GetMapping
  @RequirePermission(Permissions.RULES_READ)
  Page<RuleJson> list(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String origin,
      @RequestParam(required = false) Boolean enabled,
      @RequestParam(required = false) String level,
      @RequestParam(required = false) String tactic) {
    if (q != null && q.length() > 256) {
      throw ApiException.badField("q", "at most 256 characters");
    }
    return rules
        .list(
            new RuleService.RuleFilter(
                q,
                Enums.parse(Rule.Kind.class, "kind", kind),
                Enums.parse(Rule.Origin.class, "origin", origin),
                enabled,
                Severity.parse("level", level),
                tactic),
            PageQuery.of(page, size))
        .map(RuleJson::of);
  }

  /** Stored rules that no longer load (for example after an upgrade), with the reason. */
  @GetMapping("/unusable")
  @RequirePermission(Permissions.RULES_READ)
  Map<String, Object> unusable() {
    List<RuleImport.Refused> items = rules.unusable();
    return Map.of("total", items.size(), "items", items);
  }

  @GetMapping("/{id}")
  @RequirePermission(Permissions.RULES_READ)
  RuleDetailJson get(@PathVariable String id) {
    Rule r = rules.get(id);
    return new RuleDetailJson(RuleJson.of(r), r.references(), r.falsePositives(), r.yaml());
  }

  @PutMapping("/{id}/enabled")
  @RequirePermission(Permissions.RULES_WRITE)
  @Audited(action = "rule.enable", targetType = "rule")
  RuleJson setEnabled(@PathVariable String id, @RequestBody EnabledRequest body) {
    if (body.enabled() == null) {
      throw ApiException.badField("enabled", "is required, true or false");
    }
    return RuleJson.of(rules.setEnabled(id, body.enabled(), CurrentUser.require().username()));
  }

  @PostMapping
  @RequirePermission(Permissions.RULES_WRITE)
  @Audited(action = "rule.create", targetType = "rule")
  @ResponseStatus(HttpStatus.CREATED)
  RuleImport create(
      HttpServletRequest request, @RequestParam(defaultValue = "false") boolean replace)
      throws IOException {
    return rules.create(yaml(request), replace, CurrentUser.require().username());
  }

  @PutMapping("/{id}")
  @RequirePermission(Permissions.RULES_WRITE)
  @Audited(action = "rule.update", targetType = "rule")
  RuleJson update(@PathVariable String id, HttpServletRequest request) throws IOException {
    return RuleJson.of(rules.update(id, yaml(request), CurrentUser.require().username()));
  }

  @DeleteMapping("/{id}")
  @RequirePermission(Permissions.RULES_WRITE)
  @Audited(action = "rule.delete", targetType = "rule")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String id) {
    rules.delete(id);
  }

  /** A zip of Sigma YAML files as the raw body ({@code application/zip}). */
  @PostMapping("/import")
  @RequirePermission(Permissions.RULES_WRITE)
  @Audited(action = "rule.import", targetType = "rule")
  RuleImport importPack(
      HttpServletRequest request, @RequestParam(defaultValue = "true") boolean enabled)
      throws IOException {
    if (request.getContentLengthLong() > MAX_PACK_BYTES) {
      throw new ApiException(
          io.hsystem.shared.CommonProblem.PAYLOAD_TOO_LARGE,
          "a rule pack is at most " + MAX_PACK_BYTES + " bytes");
    }
    try (InputStream in =
        new io.hsystem.shared.CappedInputStream(request.getInputStream(), MAX_PACK_BYTES)) {
      return rules.importPack(in, enabled, CurrentUser.require().username());
    }
  }

  record DryRunRequest(
      String yaml,
      List<JsonNode> events,
      String sourceType,
      String query,
      String from,
      String to,
      Integer limit) {}

  record DryRunMatchJson(String ruleId, String title, Map<String, Object> event) {}

  record DryRunJson(List<String> rules, int tested, int matched, List<DryRunMatchJson> matches) {}

  @PostMapping("/dry-run")
  @RequirePermission(Permissions.RULES_READ)
  @io.hsystem.audit.NotAudited("tries a rule on samples or search results; nothing is stored")
  DryRunJson dryRun(@RequestBody DryRunRequest body) {
    DryRun.Result result =
        dryRun.run(
            new DryRun.Request(
                body.yaml(),
                body.events(),
                body.sourceType(),
                body.query(),
                body.from(),
                body.to(),
                body.limit()));
    return new DryRunJson(
        result.rules(),
        result.tested(),
        result.matched(),
        result.matches().stream()
            .map(m -> new DryRunMatchJson(m.ruleId(), m.title(), EventJson.of(m.event())))
            .toList());
  }

  private static String yaml(HttpServletRequest request) throws IOException {
    // the API's body limit (1 MiB by default) bounds this read
    byte[] body = request.getInputStream().readAllBytes();
    String text = new String(body, StandardCharsets.UTF_8);
    String type = request.getContentType();
    if (type != null && type.startsWith("application/json")) {
      try {
        JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
        return json.path("yaml").asString(null);
      } catch (tools.jackson.core.JacksonException e) {
        throw new ApiException(
            io.hsystem.shared.CommonProblem.MALFORMED_BODY, "send {\"yaml\": \"...\"}");
      }
    }
    return text;
  }
}
