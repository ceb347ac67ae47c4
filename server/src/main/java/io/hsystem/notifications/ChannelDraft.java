package io.hsystem.notifications;

import io.hsystem.alerts.AlertChanged;
import io.hsystem.shared.Severity;
import java.util.List;
import java.util.Map;

/**
 * A channel as given to create or replace one; null means the default (or, for a secret setting,
 * the stored value).
 *
 * @param settings the type's settings as JSON values (strings, numbers, lists, objects); a secret
 *     given as {@code "***"} or left out keeps the stored one
 */
public record ChannelDraft(
    String name,
    ChannelType type,
    Boolean enabled,
    Severity minSeverity,
    List<AlertChanged.Kind> kinds,
    List<String> ruleIds,
    List<String> alertTypes,
    Integer perMinute,
    Integer burst,
    Map<String, Object> settings) {}
