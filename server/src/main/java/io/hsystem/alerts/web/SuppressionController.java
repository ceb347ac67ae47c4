package io.hsystem.alerts.web;

import io.hsystem.alerts.AlertDetail;
import io.hsystem.alerts.AlertService;
import io.hsystem.alerts.Suppression;
import io.hsystem.alerts.SuppressionService;
import io.hsystem.audit.Audited;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Suppressions (exceptions): listed, created directly or from an alert, deleted. */
@RestController
@RequestMapping("/api/v1/alerts")
class SuppressionController {

  private final SuppressionService suppressions;
  private final AlertService alerts;

  SuppressionController(SuppressionService suppressions, AlertService alerts) {
    this.suppressions = suppressions;
    this.alerts = alerts;
  }

  record SuppressionRequest(
      String ruleId, Map<String, List<String>> conditions, String reason, String expiresAt) {}

  /**
   * A suppression from an alert: the named fields take the values of the alert's newest evidence
   * event; {@code scope} {@code rule} (default) limits it to the alert's rule.
   */
  record FromAlertRequest(List<String> fields, String scope, String reason, String expiresAt) {}

  record SuppressionResponse(
      long id,
      String ruleId,
      Map<String, List<String>> conditions,
      String reason,
      String expiresAt,
      String createdBy,
      String createdAt,
      long hitCount,
      String lastHit) {

    static SuppressionResponse of(Suppression s) {
      return new SuppressionResponse(
          s.id(),
          s.ruleId(),
          s.conditions(),
          s.reason(),
          Timestamps.format(s.expiresAt()),
          s.createdBy(),
          Timestamps.format(s.createdAt()),
          s.hitCount(),
          Timestamps.format(s.lastHit()));
    }
  }

  @GetMapping("/suppressions")
  @RequirePermission(Permissions.ALERTS_READ)
  Map<String, Object> list() {
    List<SuppressionResponse> items =
        suppressions.list().stream().map(SuppressionResponse::of).toList();
    return Map.of("total", items.size(), "items", items);
  }

  @PostMapping("/suppressions")
  @RequirePermission(Permissions.ALERTS_WRITE)
  @Audited(action = "alert.suppression_create", targetType = "alert_suppression")
  @ResponseStatus(HttpStatus.CREATED)
  SuppressionResponse create(@RequestBody SuppressionRequest body) {
    return SuppressionResponse.of(
        suppressions.create(
            body.ruleId(),
            body.conditions(),
            body.reason(),
            expiry(body.expiresAt()),
            CurrentUser.require().username()));
  }

  @PostMapping("/{id}/suppress")
  @RequirePermission(Permissions.ALERTS_WRITE)
  @Audited(action = "alert.suppression_create", targetType = "alert_suppression")
  @ResponseStatus(HttpStatus.CREATED)
  SuppressionResponse fromAlert(@PathVariable long id, @RequestBody FromAlertRequest body) {
    AlertDetail detail = alerts.get(id);
    List<String> fields = body.fields() == null ? List.of() : body.fields();
    JsonNode events = detail.evidence().path("events");
    JsonNode newest = events.isArray() && !events.isEmpty() ? events.get(events.size() - 1) : null;
    Map<String, List<String>> conditions = new LinkedHashMap<>();
    for (String field : fields) {
      String value = null;
      if ("asset_id".equals(field) && detail.alert().assetId() != null) {
        value = detail.alert().assetId().toString();
      } else if (newest != null && newest.hasNonNull(field)) {
        value = newest.get(field).asString();
      }
      if (value == null) {
        throw ApiException.badField("fields", "the alert's evidence has no " + abbreviate(field));
      }
      conditions.put(field, List.of(value));
    }
    String scope = body.scope() == null ? "rule" : body.scope();
    if (!scope.equals("rule") && !scope.equals("global")) {
      throw ApiException.badField("scope", "must be rule or global");
    }
    return SuppressionResponse.of(
        suppressions.create(
            scope.equals("rule") ? detail.alert().ruleId() : null,
            conditions,
            body.reason(),
            expiry(body.expiresAt()),
            CurrentUser.require().username()));
  }

  @DeleteMapping("/suppressions/{id}")
  @RequirePermission(Permissions.ALERTS_WRITE)
  @Audited(action = "alert.suppression_delete", targetType = "alert_suppression")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable long id) {
    suppressions.delete(id);
  }

  private static Instant expiry(String value) {
    return value == null || value.isBlank() ? null : Timestamps.parse("expires_at", value);
  }

  private static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
