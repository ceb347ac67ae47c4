package io.hsystem.alerts.web;

import io.hsystem.alerts.AlertDetail;
import io.hsystem.alerts.AlertJson;
import io.hsystem.alerts.AlertQuery;
import io.hsystem.alerts.AlertService;
import io.hsystem.alerts.AlertStatus;
import io.hsystem.audit.Audited;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.Severity;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

  private final AlertService alerts;

  AlertController(AlertService alerts) {
    this.alerts = alerts;
  }

  record HistoryResponse(
      String at,
      String actor,
      String fromStatus,
      String toStatus,
      String assignee,
      String remark) {}

  record AlertDetailResponse(
      @com.fasterxml.jackson.annotation.JsonUnwrapped AlertJson alert,
      JsonNode evidence,
      List<HistoryResponse> history) {}

  record HandleRequest(String status, String remark, String assignee) {

    AlertService.Handling toHandling() {
      return new AlertService.Handling(
          Enums.parse(AlertStatus.class, "status", status), remark, assignee);
    }
  }

  record FilterRequest(
      List<String> severity,
      List<String> status,
      Long assetId,
      String alertType,
      String ruleId,
      String srcIp,
      String assignee,
      String q,
      String from,
      String to) {}

  record BulkHandleRequest(
      List<Long> ids, FilterRequest filter, String status, String remark, String assignee) {}

  record Skipped(long id, String reason) {}

  record BulkHandleResponse(boolean success, List<Long> updated, List<Skipped> skipped) {}

  @GetMapping
  @RequirePermission(Permissions.ALERTS_READ)
  Page<AlertJson> list(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) List<String> severity,
      @RequestParam(required = false) List<String> status,
      @RequestParam(name = "asset_id", required = false) Long assetId,
      @RequestParam(name = "alert_type", required = false) String alertType,
      @RequestParam(name = "rule_id", required = false) String ruleId,
      @RequestParam(name = "src_ip", required = false) String srcIp,
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String order) {
    AlertQuery query =
        query(
            new FilterRequest(
                severity, status, assetId, alertType, ruleId, srcIp, assignee, q, from, to),
            sort,
            order);
    return alerts.list(query, PageQuery.of(page, size)).map(AlertJson::of);
  }

  /** Counts by severity and status, for the dashboard. */
  @GetMapping("/summary")
  @RequirePermission(Permissions.ALERTS_READ)
  Map<String, Map<String, Long>> summary(@RequestParam(required = false) String from) {
    Map<String, Map<String, Long>> body = new LinkedHashMap<>();
    alerts
        .summary(from == null ? null : Timestamps.parse("from", from))
        .forEach(
            (severity, byStatus) -> {
              Map<String, Long> counts = new LinkedHashMap<>();
              byStatus.forEach((status, n) -> counts.put(Enums.value(status), n));
              body.put(severity.value(), counts);
            });
    return body;
  }

  @GetMapping("/{id}")
  @RequirePermission(Permissions.ALERTS_READ)
  AlertDetailResponse get(@PathVariable long id) {
    AlertDetail detail = alerts.get(id);
    return new AlertDetailResponse(
        AlertJson.of(detail.alert()),
        detail.evidence(),
        detail.history().stream()
            .map(
                h ->
                    new HistoryResponse(
                        Timestamps.format(h.at()),
                        h.actor(),
                        Enums.value(h.fromStatus()),
                        Enums.value(h.toStatus()),
                        h.assignee(),
                        h.remark()))
            .toList());
  }

  @PutMapping("/{id}/handle")
  @RequirePermission(Permissions.ALERTS_WRITE)
  @Audited(action = "alert.handle", targetType = "alert")
  Map<String, Boolean> handle(@PathVariable long id, @RequestBody HandleRequest body) {
    alerts.handle(id, body.toHandling(), CurrentUser.require().username());
    return Map.of("success", true);
  }

  @PostMapping("/handle")
  @RequirePermission(Permissions.ALERTS_WRITE)
  @Audited(action = "alert.handle_bulk", targetType = "alert")
  BulkHandleResponse handleAll(@RequestBody BulkHandleRequest body) {
    AlertService.BulkResult result =
        alerts.handleAll(
            body.ids(),
            body.filter() == null ? null : query(body.filter(), null, null),
            new HandleRequest(body.status(), body.remark(), body.assignee()).toHandling(),
            CurrentUser.require().username());
    return new BulkHandleResponse(
        true,
        result.updated(),
        result.skipped().entrySet().stream()
            .map(e -> new Skipped(e.getKey(), e.getValue()))
            .toList());
  }

  private static AlertQuery query(FilterRequest f, String sort, String order) {
    Set<Severity> severities = new LinkedHashSet<>();
    for (String s : split(f.severity())) {
      severities.add(Severity.parse("severity", s));
    }
    Set<AlertStatus> statuses = new LinkedHashSet<>();
    for (String s : split(f.status())) {
      statuses.add(Enums.parse(AlertStatus.class, "status", s));
    }
    if (f.q() != null && f.q().length() > 256) {
      throw ApiException.badField("q", "at most 256 characters");
    }
    Instant from = f.from() == null ? null : Timestamps.parse("from", f.from());
    Instant to = f.to() == null ? null : Timestamps.parse("to", f.to());
    boolean ascending;
    if (order == null || order.equalsIgnoreCase("desc")) {
      ascending = false;
    } else if (order.equalsIgnoreCase("asc")) {
      ascending = true;
    } else {
      throw ApiException.badField("order", "must be asc or desc");
    }
    return new AlertQuery(
        severities,
        statuses,
        f.assetId(),
        f.alertType(),
        f.ruleId(),
        f.srcIp(),
        f.assignee(),
        f.q(),
        from,
        to,
        sort == null ? null : Enums.parse(AlertQuery.Sort.class, "sort", sort),
        ascending);
  }

  /** Repeated parameters and comma-separated values alike: {@code severity=high,critical}. */
  private static List<String> split(List<String> values) {
    if (values == null) {
      return List.of();
    }
    return values.stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .toList();
  }
}
