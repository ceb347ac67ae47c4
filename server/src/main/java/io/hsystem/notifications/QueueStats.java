package io.hsystem.notifications;

/**
 * The delivery pipeline of this server instance since it started.
 *
 * @param capacity alert changes the queue holds before it overflows
 * @param queued alert changes waiting to be routed to channels
 * @param inFlight messages being sent or waiting for a retry
 * @param held alerts held by rate limits, waiting for their digest
 * @param dropped alert changes lost because the queue was full
 */
public record QueueStats(int capacity, int queued, int inFlight, int held, long dropped) {}
