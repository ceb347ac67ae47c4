package io.hsystem.realtime;

import io.hsystem.alerts.Alert;
import io.hsystem.alerts.AlertChanged;
import io.hsystem.alerts.AlertJson;
import io.hsystem.alerts.AlertService;
import io.hsystem.shared.Enums;
import io.hsystem.shared.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * Live alerts (spec §4.2): consoles subscribe with a severity filter and, when reconnecting, the
 * last alert id they saw; new, repeated and handled alerts are pushed to them as {@code alerts}
 * messages. Pushing runs on its own thread, so a slow console never holds up detection.
 */
@Component
class AlertPush {

  private static final Logger log = LoggerFactory.getLogger(AlertPush.class);
  static final int MAX_MISSED = 1000;

  private final AlertService alerts;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor pusher =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(10_000),
          r -> {
            Thread t = new Thread(r, "realtime-alerts");
            t.setDaemon(true);
            return t;
          },
          (task, executor) -> log.warn("live alert push queue full; a push was dropped"));

  /** One console's subscription; {@code send} writes a message to its socket. */
  record Subscription(
      WebSocketSession session,
      Set<Severity> severities,
      BiConsumer<WebSocketSession, Map<String, Object>> send) {

    boolean wants(Alert alert) {
      return severities.isEmpty() || severities.contains(alert.severity());
    }
  }

  AlertPush(AlertService alerts) {
    this.alerts = alerts;
  }

  /**
   * Subscribes the session (replacing an earlier subscription of it) and sends what it missed since
   * {@code sinceId} when given, oldest first.
   */
  void subscribe(Subscription subscription, Long sinceId) {
    subscriptions.put(subscription.session().getId(), subscription);
    if (sinceId != null) {
      List<Alert> missed = alerts.since(sinceId, subscription.severities(), MAX_MISSED);
      subscription
          .send()
          .accept(subscription.session(), message("missed", missed, missed.size() == MAX_MISSED));
    }
  }

  void unsubscribe(WebSocketSession session) {
    subscriptions.remove(session.getId());
  }

  @EventListener
  void on(AlertChanged change) {
    if (subscriptions.isEmpty()) {
      return;
    }
    pusher.execute(() -> push(change));
  }

  private void push(AlertChanged change) {
    for (Subscription s : subscriptions.values()) {
      if (!s.session().isOpen()) {
        subscriptions.remove(s.session().getId());
        continue;
      }
      List<Alert> wanted = change.alerts().stream().filter(s::wants).toList();
      if (!wanted.isEmpty()) {
        s.send().accept(s.session(), message(Enums.value(change.kind()), wanted, false));
      }
    }
  }

  private static Map<String, Object> message(String kind, List<Alert> items, boolean more) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "alerts");
    message.put("kind", kind);
    message.put("items", items.stream().map(AlertJson::of).toList());
    if (more) {
      message.put("more", true);
    }
    return message;
  }
}
