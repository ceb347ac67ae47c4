package io.hsystem.intel;

import io.hsystem.protocol.EventField;
import io.hsystem.shared.Severity;
import java.util.List;

/**
 * An indicator that matched: its context for the alert, and what in the event matched it.
 *
 * <p>Honeypot attackers are indicators of source {@code honeypot}: the events of the honeypot that
 * recorded them match too, so callers raising alerts will usually skip those hits on honeypot
 * events.
 *
 * @param iocId the indicator's id
 * @param value the indicator's value (for a domain, the parent domain that was listed)
 * @param field the event field that matched; {@link EventField#RAW} for hashes found in a Sysmon
 *     {@code Hashes} value; null for a {@link IntelService#lookup(String) lookup}
 * @param matchedValue the value as it appeared in the event (or the looked-up value), normalised
 */
public record IocHit(
    long iocId,
    IocType type,
    String value,
    String source,
    int confidence,
    Severity severity,
    List<String> tags,
    String description,
    EventField field,
    String matchedValue) {}
