package io.hsystem.eventstore;

import java.time.Instant;

/**
 * A window on {@code event_time}: {@code from} inclusive, {@code to} exclusive; null ends are open.
 */
public record TimeRange(Instant from, Instant to) {

  public static final TimeRange ALL = new TimeRange(null, null);
}
