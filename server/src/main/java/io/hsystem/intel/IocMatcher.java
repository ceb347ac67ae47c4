package io.hsystem.intel;

import io.hsystem.intel.internal.MatchIndex;
import io.hsystem.protocol.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks events against the active indicators, for the detection pipeline.
 *
 * <p>{@link #match} reads an immutable in-memory index and costs a few hash lookups per event: one
 * per IP prefix length in use for each address, one per label for each domain, one per URL and
 * hash. The index is rebuilt from the store on a background thread (copy-on-write: matching never
 * waits) when indicators change and every {@code hsystem.intel.refresh-interval} so that expired
 * ones leave memory; an indicator that expires between two rebuilds stops matching at its expiry
 * all the same.
 *
 * <p>Thread-safe. The Spring bean is named {@code iocMatcher}.
 */
public class IocMatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IocMatcher.class);
  private static final Duration REFRESH_WAIT = Duration.ofSeconds(60);

  private final Supplier<? extends Collection<Ioc>> activeIocs;
  private final Clock clock;
  private final ScheduledExecutorService refresher;
  private final Object lock = new Object();
  private volatile MatchIndex index = MatchIndex.empty();

  /** The rebuild requested and not yet started; every request made before it starts joins it. */
  private CompletableFuture<Void> next;

  private boolean nextIsDelayed;

  /**
   * @param activeIocs loads the indicators to match (expired ones are left out anyway)
   * @param refreshInterval period of the unconditional rebuild
   */
  public IocMatcher(
      Supplier<? extends Collection<Ioc>> activeIocs, Clock clock, Duration refreshInterval) {
    this.activeIocs = activeIocs;
    this.clock = clock;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "intel-matcher-refresh");
              t.setDaemon(true);
              return t;
            });
    long millis = refreshInterval.toMillis();
    refresher.scheduleWithFixedDelay(
        () -> request(Duration.ZERO), millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * The active indicators the event's IPs ({@code src_ip}, {@code dst_ip}, {@code host_ip}), domain
   * ({@code dns_query}), URL ({@code url}, exactly and by its host) and hashes ({@code
   * hash_sha256}, and those of a Sysmon {@code Hashes} value in {@code raw}) match; at most one hit
   * per indicator, in that field order. An empty list when nothing matches.
   */
  public List<IocHit> match(Event event) {
    MatchIndex current = index;
    return current.size() == 0 ? List.of() : current.match(event, clock.millis());
  }

  /** Rebuilds the index now and waits for it; a failure is logged and leaves the old index. */
  public void refresh() {
    try {
      request(Duration.ZERO).get(REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      log.warn("the indicator matcher was not rebuilt; the periodic rebuild will retry", e);
    }
  }

  /** Rebuilds the index within {@code delay}, together with any other change in that time. */
  public void refreshWithin(Duration delay) {
    request(delay);
  }

  /** Number of indicators the current index holds. */
  public int size() {
    return index.size();
  }

  /** The hits of one canonical value, as {@link IntelService#lookup} reports them. */
  List<IocHit> lookup(IocType type, String value) {
    return index.lookup(type, value, clock.millis());
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }

  private CompletableFuture<Void> request(Duration delay) {
    synchronized (lock) {
      boolean immediate = delay.isZero() || delay.isNegative();
      if (next == null) {
        next = new CompletableFuture<>();
        nextIsDelayed = !immediate;
        schedule(delay);
      } else if (immediate && nextIsDelayed) {
        // whichever task runs first does the rebuild; the other finds nothing to do
        nextIsDelayed = false;
        schedule(Duration.ZERO);
      }
      return next;
    }
  }

  private void schedule(Duration delay) {
    try {
      refresher.schedule(this::rebuild, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed: the application is stopping
      next.completeExceptionally(e);
      next = null;
    }
  }

  private void rebuild() {
    CompletableFuture<Void> done;
    synchronized (lock) {
      done = next;
      next = null;
    }
    if (done == null) {
      return;
    }
    try {
      long start = System.nanoTime();
      MatchIndex built = MatchIndex.build(activeIocs.get(), clock.instant());
      index = built;
      log.debug(
          "indicator matcher rebuilt: {} indicators in {} ms",
          built.size(),
          (System.nanoTime() - start) / 1_000_000);
      done.complete(null);
    } catch (RuntimeException e) {
      log.warn("cannot rebuild the indicator matcher; keeping the previous index", e);
      done.completeExceptionally(e);
    }
  }
}
