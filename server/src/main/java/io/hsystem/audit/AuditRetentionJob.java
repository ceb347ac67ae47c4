package io.hsystem.audit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Enforces audit retention once a day. */
@Component
class AuditRetentionJob {

  private final AuditLog auditLog;

  AuditRetentionJob(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @Scheduled(cron = "${hsystem.audit.purge-cron:0 17 3 * * *}")
  void purge() {
    auditLog.purgeExpired();
  }
}
