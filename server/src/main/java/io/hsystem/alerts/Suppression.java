package io.hsystem.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An exception: matches of the rule (or of every rule when {@code ruleId} is null) whose event has
 * all these field values are counted here instead of raising alerts, until {@code expiresAt}.
 *
 * @param conditions canonical field name → accepted values (case-insensitive; CIDR for IP fields)
 */
public record Suppression(
    long id,
    String ruleId,
    Map<String, List<String>> conditions,
    String reason,
    Instant expiresAt,
    String createdBy,
    Instant createdAt,
    long hitCount,
    Instant lastHit) {}
