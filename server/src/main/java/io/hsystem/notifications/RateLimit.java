package io.hsystem.notifications;

/**
 * A channel's token bucket: {@code burst} messages at once, refilled at {@code perMinute}. Alerts
 * beyond it are folded into one digest sent when the next token is available.
 *
 * @param perMinute sustained messages per minute
 * @param burst messages that may go out back to back
 */
public record RateLimit(int perMinute, int burst) {}
