package io.hsystem.audit;

import java.time.Instant;
import java.util.Map;

/** One stored audit log row, with its place in the hash chain. */
public record AuditRecord(
    long id,
    Instant eventTime,
    Long actorUserId,
    String actorUsername,
    String sourceIp,
    String action,
    String targetType,
    String targetId,
    AuditOutcome outcome,
    Map<String, Object> details,
    String prevHash,
    String hash) {}
