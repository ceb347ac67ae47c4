package io.hsystem.system;

import io.hsystem.audit.AuditEntry;
import io.hsystem.audit.AuditLog;
import io.hsystem.audit.AuditOutcome;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The scheduled backup ({@code hsystem.backup.schedule}), and the audit record of a restore that
 * the server applied while starting. Both are audited as the system's own actions.
 */
@Component
class BackupJobs {

  private static final Logger log = LoggerFactory.getLogger(BackupJobs.class);

  private final BackupService backups;
  private final AuditLog audit;

  BackupJobs(BackupService backups, AuditLog audit) {
    this.backups = backups;
    this.audit = audit;
  }

  @Scheduled(cron = "${hsystem.backup.schedule:0 30 3 * * *}")
  void scheduled() {
    if (!backups.keyConfigured()) {
      log.warn("scheduled backup skipped: no backup key is configured (HSYSTEM_BACKUP_KEY)");
      return;
    }
    try {
      BackupInfo info = backups.create("scheduled", "system");
      audit.record(
          new AuditEntry(
              null,
              "system",
              null,
              "system.backup.create",
              "backup",
              info.id(),
              AuditOutcome.SUCCESS,
              Map.of("trigger", "scheduled", "size_bytes", info.sizeBytes())));
    } catch (RuntimeException e) {
      log.error("scheduled backup failed: {}", e.getMessage());
      audit.record(
          new AuditEntry(
              null,
              "system",
              null,
              "system.backup.create",
              "backup",
              null,
              AuditOutcome.FAILURE,
              Map.of("trigger", "scheduled", "error", String.valueOf(e.getMessage()))));
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void recordAppliedRestore() {
    JsonNode applied = backups.takeAppliedRestore();
    if (applied != null) {
      audit.record(
          new AuditEntry(
              null,
              "system",
              null,
              "system.backup.restore_applied",
              "backup",
              applied.path("backup_id").asString(),
              AuditOutcome.SUCCESS,
              Map.of(
                  "applied_at", applied.path("applied_at").asString(),
                  "tables", applied.path("tables").asInt())));
    }
  }
}
