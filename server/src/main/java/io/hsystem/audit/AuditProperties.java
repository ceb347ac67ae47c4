package io.hsystem.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit log settings ({@code hsystem.audit.*}).
 *
 * @param retentionDays rows older than this are purged daily; never fewer than 90 (spec §8)
 * @param purgeCron when the retention purge runs (Spring cron)
 */
@ConfigurationProperties("hsystem.audit")
public record AuditProperties(
    @DefaultValue("180") int retentionDays, @DefaultValue("0 17 3 * * *") String purgeCron) {

  public static final int MIN_RETENTION_DAYS = 90;

  public AuditProperties {
    if (retentionDays < MIN_RETENTION_DAYS) {
      throw new IllegalArgumentException(
          "hsystem.audit.retention-days must be at least "
              + MIN_RETENTION_DAYS
              + ", was "
              + retentionDays);
    }
  }
}
