package io.hsystem.alerts;

import io.hsystem.shared.Severity;
import java.time.Instant;
import java.util.List;

/** An alert as listed: what was detected, where, how often, and where it is in its handling. */
public record Alert(
    long id,
    Long assetId,
    String alertType,
    Severity severity,
    String title,
    DetectionSource detectionSource,
    String ruleId,
    String ruleName,
    String ruleAuthor,
    List<String> tactics,
    List<String> techniques,
    String srcIp,
    String dstIp,
    String hostName,
    AlertStatus status,
    String assignee,
    String remark,
    long count,
    Instant firstSeen,
    Instant lastSeen,
    Instant createTime,
    Instant updatedAt) {}
