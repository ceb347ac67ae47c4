package io.hsystem.sensor.shipper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shipper's figures, sent with every heartbeat.
 *
 * @param spooled records on disk waiting for the server
 * @param spoolBytes size of the spool files
 * @param evicted records dropped unsent because the spool was full (since the spool was created)
 * @param sent records the server acknowledged as new (since this start)
 * @param duplicates records the server acknowledged as already held (replays)
 * @param rejected records the server refused as invalid
 * @param batches batches acknowledged
 * @param failures failed attempts (unreachable, 5xx, 503 …)
 * @param lastSeq the last sequence number given out
 * @param ackedSeq the last sequence number the server acknowledged
 * @param lastError what the last failure was, or null
 * @param lastSuccess when a batch was last acknowledged, or null
 */
public record ShipperStats(
    long spooled,
    long spoolBytes,
    long evicted,
    long sent,
    long duplicates,
    long rejected,
    long batches,
    long failures,
    long lastSeq,
    long ackedSeq,
    String lastError,
    Instant lastSuccess) {

  /** As the heartbeat's {@code stats} object (snake_case keys). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("spooled", spooled);
    map.put("spool_bytes", spoolBytes);
    map.put("evicted", evicted);
    map.put("sent", sent);
    map.put("duplicates", duplicates);
    map.put("rejected", rejected);
    map.put("batches", batches);
    map.put("failures", failures);
    map.put("last_seq", lastSeq);
    map.put("acked_seq", ackedSeq);
    map.put("last_error", lastError);
    map.put("last_success", lastSuccess == null ? null : lastSuccess.toString());
    return map;
  }
}
