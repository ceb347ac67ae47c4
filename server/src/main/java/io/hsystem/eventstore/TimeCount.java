package io.hsystem.eventstore;

import java.time.Instant;

/** A time bucket starting at {@code start} and the number of matching events in it. */
public record TimeCount(Instant start, long count) {}
