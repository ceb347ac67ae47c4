package io.hsystem.audit;

import java.util.Map;

/**
 * One action to append to the audit log.
 *
 * @param actorUserId user id of the actor, null when unknown (e.g. a failed login)
 * @param actorUsername user name of the actor or the one a login attempt named
 * @param sourceIp client address
 * @param action dotted action name
 * @param targetType kind of object acted on
 * @param targetId id of the object acted on
 * @param outcome how it ended
 * @param details more facts (never secrets)
 */
public record AuditEntry(
    Long actorUserId,
    String actorUsername,
    String sourceIp,
    String action,
    String targetType,
    String targetId,
    AuditOutcome outcome,
    Map<String, Object> details) {

  public AuditEntry {
    details = details == null ? Map.of() : details;
  }
}
