package io.hsystem.notifications.internal;

import io.hsystem.notifications.ChannelFilter;
import io.hsystem.notifications.ChannelType;
import io.hsystem.notifications.RateLimit;

/**
 * A channel ready for delivery, its secrets decrypted.
 *
 * @param destination where and how to send; null when the secrets could not be decrypted
 * @param unreadable why the secrets could not be decrypted, or null
 */
public record ChannelConfig(
    long id,
    String name,
    ChannelType type,
    ChannelFilter filter,
    RateLimit rateLimit,
    Destination destination,
    String unreadable) {}
