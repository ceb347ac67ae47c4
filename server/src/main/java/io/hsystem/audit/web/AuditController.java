package io.hsystem.audit.web;

import io.hsystem.audit.AuditLog;
import io.hsystem.audit.AuditOutcome;
import io.hsystem.audit.AuditQuery;
import io.hsystem.audit.AuditRecord;
import io.hsystem.audit.ChainVerification;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Page;
import io.hsystem.shared.PageQuery;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.Permissions;
import io.hsystem.shared.security.RequirePermission;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

  private final AuditLog auditLog;

  AuditController(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @GetMapping
  @RequirePermission(Permissions.AUDIT_READ)
  Page<AuditRecordResponse> list(
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(name = "target_type", required = false) String targetType,
      @RequestParam(name = "target_id", required = false) String targetId,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    var query =
        new AuditQuery(
            actor,
            action,
            targetType,
            targetId,
            Enums.parse(AuditOutcome.class, "outcome", outcome),
            Timestamps.parse("from", from),
            Timestamps.parse("to", to));
    return auditLog.search(query, PageQuery.of(page, size)).map(AuditRecordResponse::of);
  }

  @GetMapping("/verify")
  @RequirePermission(Permissions.AUDIT_READ)
  ChainVerification verify() {
    return auditLog.verify();
  }

  record AuditRecordResponse(
      long id,
      String eventTime,
      Long actorUserId,
      String actorUsername,
      String sourceIp,
      String action,
      String targetType,
      String targetId,
      String outcome,
      Map<String, Object> details,
      String prevHash,
      String hash) {

    static AuditRecordResponse of(AuditRecord r) {
      return new AuditRecordResponse(
          r.id(),
          Timestamps.format(r.eventTime()),
          r.actorUserId(),
          r.actorUsername(),
          r.sourceIp(),
          r.action(),
          r.targetType(),
          r.targetId(),
          Enums.value(r.outcome()),
          r.details(),
          r.prevHash(),
          r.hash());
    }
  }
}
