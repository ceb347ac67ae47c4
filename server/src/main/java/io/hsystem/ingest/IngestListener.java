package io.hsystem.ingest;

import io.hsystem.protocol.Event;
import java.util.List;

/**
 * Told of every batch of events once it is durable in the write-ahead log, in log order, on a
 * thread of its own — independently of indexing, so an indexing backlog does not delay it. After a
 * crash the batches it may not have seen are told again (some twice). An implementation may block
 * to slow ingest down (backpressure: ingest answers 503 once too much is untold), never throw.
 */
public interface IngestListener {

  void indexed(List<Event> events);
}
