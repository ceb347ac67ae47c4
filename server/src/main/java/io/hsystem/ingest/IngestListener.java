package io.hsystem.ingest;

import io.hsystem.protocol.Event;
import java.util.List;

/**
 * Told of every batch of events once it is durable and in the event store, in log order, on the
 * indexer thread (also for batches replayed after a crash, which may thus be seen twice). An
 * implementation may block to slow ingest down (backpressure), never throw.
 */
public interface IngestListener {

  void indexed(List<Event> events);
}
