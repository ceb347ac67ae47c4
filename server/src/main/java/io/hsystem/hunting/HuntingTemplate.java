package io.hsystem.hunting;

import java.time.Instant;
import java.util.List;

/**
 * A saved hunting query.
 *
 * @param tactics ATT&CK tactic short names
 * @param techniques ATT&CK technique ids
 * @param createBy id of the user who saved it; null for the built-in library
 * @param builtin shipped with H-System, read-only
 */
public record HuntingTemplate(
    long id,
    String name,
    String description,
    String query,
    List<String> tactics,
    List<String> techniques,
    Long createBy,
    boolean builtin,
    Instant createdAt,
    Instant updatedAt) {}
