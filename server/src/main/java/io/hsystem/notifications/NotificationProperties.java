package io.hsystem.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification delivery settings ({@code hsystem.notifications.*}).
 *
 * @param queueCapacity alert changes waiting for routing; beyond it they are dropped and counted,
 *     never blocking the alert center
 * @param workers threads that send messages
 * @param timeout connect and read timeout of one attempt (at most 5 s)
 * @param maxAttempts attempts of a message whose failure looks transient (timeouts, 5xx, 429)
 * @param retryBackoff wait before the second attempt, doubled for each further one
 * @param maxPendingDeliveries messages being sent or waiting for a retry; beyond it new messages
 *     fail at once
 */
@ConfigurationProperties("hsystem.notifications")
public record NotificationProperties(
    @DefaultValue("10000") int queueCapacity,
    @DefaultValue("2") int workers,
    @DefaultValue("5s") Duration timeout,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("2s") Duration retryBackoff,
    @DefaultValue("1000") int maxPendingDeliveries) {

  public NotificationProperties {
    if (queueCapacity < 1 || maxPendingDeliveries < 1) {
      throw new IllegalArgumentException(
          "hsystem.notifications.queue-capacity and max-pending-deliveries must be positive");
    }
    if (workers < 1 || workers > 16) {
      throw new IllegalArgumentException("hsystem.notifications.workers must be 1 to 16");
    }
    if (timeout.toMillis() < 100 || timeout.compareTo(Duration.ofSeconds(5)) > 0) {
      throw new IllegalArgumentException("hsystem.notifications.timeout must be 100ms to 5s");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("hsystem.notifications.max-attempts must be 1 to 10");
    }
    if (retryBackoff.isNegative() || retryBackoff.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("hsystem.notifications.retry-backoff must be 0 to 1m");
    }
  }
}
