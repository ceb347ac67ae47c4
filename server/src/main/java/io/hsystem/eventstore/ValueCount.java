package io.hsystem.eventstore;

/** A value of a field and how many matching events have it. */
public record ValueCount(String value, long count) {}
