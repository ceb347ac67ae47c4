package io.hsystem.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Backups ({@code hsystem.backup.*}).
 *
 * @param key the passphrase backups are encrypted with ({@code HSYSTEM_BACKUP_KEY}, at least 16
 *     characters); never stored beside the backups. Without it backups are refused.
 * @param dir where backup files are kept; empty means {@code <data-dir>/backups}
 * @param schedule cron expression of the scheduled backup; {@code -} turns it off
 * @param retentionCount how many backups are kept; older ones are deleted after each new one
 * @param maxRestoreBytes the most a backup may unpack to (guards the disk against a crafted file)
 */
@ConfigurationProperties("hsystem.backup")
public record BackupProperties(
    String key, String dir, String schedule, Integer retentionCount, Long maxRestoreBytes) {

  public static final int MIN_KEY_LENGTH = 16;

  public BackupProperties {
    key = key == null || key.isBlank() ? null : key;
    dir = dir == null ? "" : dir.trim();
    schedule = schedule == null || schedule.isBlank() ? "0 30 3 * * *" : schedule.trim();
    retentionCount = retentionCount == null ? 7 : retentionCount;
    maxRestoreBytes = maxRestoreBytes == null ? 64L * 1024 * 1024 * 1024 : maxRestoreBytes;
    if (retentionCount < 1) {
      throw new IllegalArgumentException("hsystem.backup.retention-count must be at least 1");
    }
    if (key != null && key.length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "hsystem.backup.key must have at least " + MIN_KEY_LENGTH + " characters");
    }
  }

  public boolean keyConfigured() {
    return key != null;
  }

  @Override
  public String toString() {
    return "BackupProperties[dir="
        + dir
        + ", schedule="
        + schedule
        + ", key="
        + (key == null ? "unset" : "***")
        + "]";
  }
}
