package io.hsystem.alerts;

import io.hsystem.shared.Enums;
import io.hsystem.shared.Timestamps;
import java.util.List;

/**
 * An alert as the API and the live push show it (snake_case names, {@code YYYY-MM-DD HH:MM:SS}
 * times).
 */
public record AlertJson(
    long id,
    Long assetId,
    String alertType,
    String severity,
    String title,
    String status,
    String detectionSource,
    String ruleId,
    String ruleName,
    String ruleAuthor,
    List<String> attackTactics,
    List<String> attackTechniques,
    String srcIp,
    String dstIp,
    String hostName,
    long count,
    String firstSeen,
    String lastSeen,
    String assignee,
    String remark,
    String createTime,
    String updatedAt) {

  public static AlertJson of(Alert a) {
    return new AlertJson(
        a.id(),
        a.assetId(),
        a.alertType(),
        a.severity().value(),
        a.title(),
        Enums.value(a.status()),
        Enums.value(a.detectionSource()),
        a.ruleId(),
        a.ruleName(),
        a.ruleAuthor(),
        a.tactics(),
        a.techniques(),
        a.srcIp(),
        a.dstIp(),
        a.hostName(),
        a.count(),
        Timestamps.format(a.firstSeen()),
        Timestamps.format(a.lastSeen()),
        a.assignee(),
        a.remark(),
        Timestamps.format(a.createTime()),
        Timestamps.format(a.updatedAt()));
  }
}
