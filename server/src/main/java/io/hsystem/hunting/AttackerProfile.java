package io.hsystem.hunting;

import io.hsystem.eventstore.ValueCount;
import io.hsystem.intel.IocLookup;
import io.hsystem.protocol.Event;
import java.time.Instant;
import java.util.List;

/**
 * What one source address did, from the event store.
 *
 * @param ip the address as asked for
 * @param firstSeen its oldest event, null when it has none
 * @param lastSeen its newest event
 * @param events how many events it has
 * @param services its events per service, most first
 * @param credentials username/password pairs it tried, most first (at most {@link
 *     AttackerProfileService#TOP})
 * @param credentialsSampled true when the pairs were counted over its newest {@link
 *     AttackerProfileService#CREDENTIAL_WINDOW} login events only
 * @param commands command lines it ran, most first
 * @param sensors its events per sensor id
 * @param eventTypes its events per event type
 * @param ioc what threat intelligence knows about it; null when no indicator matches
 * @param recent its newest events
 */
public record AttackerProfile(
    String ip,
    Instant firstSeen,
    Instant lastSeen,
    long events,
    List<ValueCount> services,
    List<Credential> credentials,
    boolean credentialsSampled,
    List<ValueCount> commands,
    List<ValueCount> sensors,
    List<ValueCount> eventTypes,
    IocLookup ioc,
    List<Event> recent) {

  /** A username/password pair and how often it was tried. */
  public record Credential(String username, String password, long count) {}
}
