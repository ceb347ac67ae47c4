package io.hsystem.audit;

import java.time.Instant;

/** Filters for listing the audit log; null means "any". */
public record AuditQuery(
    String actor,
    String action,
    String targetType,
    String targetId,
    AuditOutcome outcome,
    Instant from,
    Instant to) {}
