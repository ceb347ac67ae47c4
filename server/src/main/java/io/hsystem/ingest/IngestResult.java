package io.hsystem.ingest;

import java.util.List;

/**
 * What happened to a batch.
 *
 * @param accepted records now durable (they survive a crash) and on their way to the store
 * @param rejected records refused, each with its 0-based index and reason (at most {@link
 *     #MAX_LISTED} listed)
 * @param rejectedCount all refused records
 */
public record IngestResult(int accepted, List<Rejection> rejected, int rejectedCount) {

  public static final int MAX_LISTED = 1000;

  /** One refused record. */
  public record Rejection(int index, String reason) {}
}
