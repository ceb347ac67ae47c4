package io.hsystem.notifications;

import java.time.Instant;
import java.util.Map;

/**
 * A channel as the API shows it.
 *
 * @param settings the type's settings, every secret replaced by {@code "***"}
 * @param target where messages go, without secrets: the URL's scheme, host and port, or {@code
 *     smtp://host:port}, {@code udp://host:port}, {@code tcp://host:port}
 * @param hasSecret whether any secret (URL, signing secret, password, sensitive header) is stored
 */
public record NotificationChannel(
    long id,
    String name,
    ChannelType type,
    boolean enabled,
    ChannelFilter filter,
    RateLimit rateLimit,
    Map<String, Object> settings,
    String target,
    boolean hasSecret,
    DeliveryStats stats,
    String createdBy,
    Instant createdAt,
    String updatedBy,
    Instant updatedAt) {}
