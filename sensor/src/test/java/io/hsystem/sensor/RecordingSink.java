package io.hsystem.sensor;

import io.hsystem.sensor.core.EventSink;
import io.hsystem.sensor.core.HoneypotEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Keeps every event; tests wait on it for what they expect. */
public final class RecordingSink implements EventSink {

  private final List<HoneypotEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void accept(HoneypotEvent event) {
    // every event must serialise: that is what the shipper will do with it
    event.toJson();
    events.add(event);
  }

  public List<HoneypotEvent> events() {
    return List.copyOf(events);
  }

  public List<HoneypotEvent> ofType(String type) {
    return events.stream().filter(e -> type.equals(e.eventType())).toList();
  }

  public List<HoneypotEvent> ofType(String type, String service) {
    return events.stream()
        .filter(e -> type.equals(e.eventType()) && service.equals(e.getString("service")))
        .toList();
  }

  /** Waits until at least {@code count} events match, or fails after {@code timeout}. */
  public List<HoneypotEvent> await(Predicate<HoneypotEvent> match, int count, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<HoneypotEvent> found = events.stream().filter(match).toList();
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "expected "
                + count
                + " matching events within "
                + timeout
                + ", got "
                + found.size()
                + "; all events: "
                + events);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  public List<HoneypotEvent> await(String type, String service, int count) {
    return await(
        e -> type.equals(e.eventType()) && service.equals(e.getString("service")),
        count,
        Duration.ofSeconds(10));
  }

  public void clear() {
    events.clear();
  }
}
