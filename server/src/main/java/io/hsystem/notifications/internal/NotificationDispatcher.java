package io.hsystem.notifications.internal;

import io.hsystem.alerts.Alert;
import io.hsystem.alerts.AlertChanged;
import io.hsystem.notifications.ChannelType;
import io.hsystem.notifications.NotificationProperties;
import io.hsystem.notifications.QueueStats;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Turns alert changes into messages. The listener only puts the changes into a bounded queue, so
 * the alert center is never held up (a full queue drops and counts them). One router thread matches
 * each change against the enabled channels' filters and rate limits; worker threads send, retrying
 * transient failures with exponential backoff. Alerts over a channel's rate limit are held and sent
 * as one digest when the next token comes.
 *
 * <p>Delivery is at most once: what is queued, held or waiting for a retry lives in memory only and
 * is lost when the server stops (ADR 010).
 */
public final class NotificationDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
  private static final int ROUTING_BATCH = 1000;
  private static final long OVERFLOW_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_ERROR = 500;

  private final ChannelCatalog catalog;
  private final Map<ChannelType, Sender> senders;
  private final ChannelRepository repository;
  private final NotificationProperties properties;
  private final Clock clock;
  private final BlockingQueue<Notice.AlertNotice> queue;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong lastOverflowLog =
      new AtomicLong(System.nanoTime() - OVERFLOW_LOG_INTERVAL_NANOS - 1);

  /** The router thread's: each enabled channel's current throttle. */
  private final Map<Long, ChannelThrottle> throttles = new HashMap<>();

  private final ScheduledThreadPoolExecutor workers;
  private final Thread router;
  private volatile boolean closed;

  public NotificationDispatcher(
      ChannelCatalog catalog,
      Map<ChannelType, Sender> senders,
      ChannelRepository repository,
      NotificationProperties properties,
      Clock clock) {
    this.catalog = catalog;
    this.senders = Map.copyOf(senders);
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        new ScheduledThreadPoolExecutor(
            properties.workers(),
            r -> {
              Thread t = new Thread(r, "notifications-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    workers.setRemoveOnCancelPolicy(true);
    workers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.router = new Thread(this::route, "notifications-router");
    router.setDaemon(true);
    router.start();
  }

  /** Queues the change's alerts for routing; never blocks. */
  @EventListener
  public void on(AlertChanged change) {
    for (Alert alert : change.alerts()) {
      queued.incrementAndGet();
      if (!queue.offer(new Notice.AlertNotice(change.kind(), alert))) {
        queued.decrementAndGet();
        long total = dropped.incrementAndGet();
        long now = System.nanoTime();
        long last = lastOverflowLog.get();
        if (now - last > OVERFLOW_LOG_INTERVAL_NANOS && lastOverflowLog.compareAndSet(last, now)) {
          log.warn(
              "notification queue full ({} alert changes): {} dropped since start",
              properties.queueCapacity(),
              total);
        }
      }
    }
  }

  /** Sends a notice now, in the caller's thread, once: the test button. */
  public void sendNow(ChannelConfig channel, Notice notice) throws DeliveryException {
    send(channel, notice);
  }

  public QueueStats stats() {
    return new QueueStats(
        properties.queueCapacity(), queued.get(), inFlight.get(), held.get(), dropped.get());
  }

  private void route() {
    List<Notice.AlertNotice> batch = new ArrayList<>();
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, ROUTING_BATCH - 1);
      try {
        List<ChannelConfig> channels = catalog.enabled();
        forgetThrottlesExcept(channels);
        for (Notice.AlertNotice notice : batch) {
          for (ChannelConfig channel : channels) {
            if (channel.filter().matches(notice.kind(), notice.alert())) {
              admit(channel, notice);
            }
          }
        }
      } catch (RuntimeException e) {
        log.error("routing {} alert changes to notification channels failed", batch.size(), e);
      } finally {
        queued.addAndGet(-batch.size());
        batch.clear();
      }
    }
  }

  private void forgetThrottlesExcept(List<ChannelConfig> channels) {
    Set<Long> ids = new HashSet<>();
    channels.forEach(c -> ids.add(c.id()));
    throttles.keySet().retainAll(ids);
  }

  private void admit(ChannelConfig channel, Notice.AlertNotice notice) {
    long now = System.nanoTime();
    ChannelThrottle throttle = throttles.get(channel.id());
    if (throttle == null || !throttle.config().equals(channel)) {
      // a new or changed channel starts with a full bucket; the old throttle still sends
      // what it holds
      throttle = new ChannelThrottle(channel, now);
      throttles.put(channel.id(), throttle);
    }
    switch (throttle.admit(notice, now)) {
      case SEND -> deliver(channel, notice);
      case HOLD_FIRST -> {
        held.incrementAndGet();
        scheduleRelease(throttle, throttle.nanosUntilToken(now));
      }
      case HOLD -> held.incrementAndGet();
    }
  }

  private void scheduleRelease(ChannelThrottle throttle, long delayNanos) {
    try {
      workers.schedule(() -> release(throttle), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("shutting down: held notifications are not sent");
    }
  }

  private void release(ChannelThrottle throttle) {
    long now = System.nanoTime();
    ChannelThrottle.Release release = throttle.release(now);
    if (release == null) {
      scheduleRelease(throttle, throttle.nanosUntilToken(now));
      return;
    }
    held.addAndGet(-release.count());
    ChannelConfig channel = throttle.config();
    try {
      if (!repository.isEnabled(channel.id())) {
        return;
      }
      if (release.notice() instanceof Notice.DigestNotice digest) {
        repository.recordRateLimited(channel.id(), digest.count());
      }
    } catch (RuntimeException e) {
      log.error("notification channel {}: cannot read or count its state", channel.id(), e);
      return;
    }
    deliver(channel, release.notice());
  }

  private void deliver(ChannelConfig channel, Notice notice) {
    if (inFlight.incrementAndGet() > properties.maxPendingDeliveries()) {
      inFlight.decrementAndGet();
      fail(
          channel,
          "more than " + properties.maxPendingDeliveries() + " messages waiting; this one dropped");
      return;
    }
    try {
      workers.execute(() -> attempt(channel, notice, 1));
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
    }
  }

  private void attempt(ChannelConfig channel, Notice notice, int attempt) {
    boolean retrying = false;
    try {
      send(channel, notice);
      repository.recordSent(channel.id(), clock.instant());
    } catch (DeliveryException e) {
      if (e.isTransient() && attempt < properties.maxAttempts() && !closed) {
        long delay = properties.retryBackoff().toMillis() << (attempt - 1);
        workers.schedule(() -> attempt(channel, notice, attempt + 1), delay, TimeUnit.MILLISECONDS);
        retrying = true;
      } else {
        fail(
            channel, attempt > 1 ? e.getMessage() + " (" + attempt + " attempts)" : e.getMessage());
      }
    } catch (RuntimeException e) {
      log.error("notification channel {}: delivery went wrong", channel.id(), e);
    } finally {
      if (!retrying) {
        inFlight.decrementAndGet();
      }
    }
  }

  private void send(ChannelConfig channel, Notice notice) throws DeliveryException {
    if (channel.destination() == null) {
      throw DeliveryException.permanent(channel.unreadable());
    }
    senders.get(channel.type()).send(channel, notice);
  }

  private void fail(ChannelConfig channel, String error) {
    String bounded = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 1) + "…" : error;
    log.warn("notification channel {} ({}): {}", channel.id(), channel.name(), bounded);
    try {
      repository.recordFailed(channel.id(), bounded, clock.instant());
    } catch (RuntimeException e) {
      log.error("notification channel {}: cannot record a failure", channel.id(), e);
    }
  }

  /** Stops routing and sending; what is still queued, held or waiting for a retry is lost. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    router.interrupt();
    workers.shutdown();
    if (!workers.awaitTermination(properties.timeout().toMillis() * 2, TimeUnit.MILLISECONDS)) {
      workers.shutdownNow();
    }
    QueueStats left = stats();
    if (left.queued() + left.inFlight() + left.held() > 0) {
      log.info(
          "notifications not sent at shutdown: {} queued alert changes, {} messages, {} held"
              + " alerts",
          left.queued(),
          left.inFlight(),
          left.held());
    }
  }
}
