package io.hsystem.sensor.core;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands events to the sink, counting them; a failing sink loses the event, never the decoy. */
public final class EventEmitter {

  private static final Logger LOG = LoggerFactory.getLogger(EventEmitter.class);

  private final EventSink sink;
  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  public EventEmitter(EventSink sink) {
    this.sink = sink;
  }

  public void emit(HoneypotEvent event) {
    try {
      sink.accept(event);
      emitted.incrementAndGet();
    } catch (RuntimeException e) {
      // logged sparsely: a broken sink under a flood must not flood the log as well
      if (failures.getAndIncrement() % 1000 == 0) {
        LOG.warn("event sink failed ({} failures so far)", failures.get(), e);
      }
    }
  }

  public long emitted() {
    return emitted.get();
  }

  public long failures() {
    return failures.get();
  }
}
