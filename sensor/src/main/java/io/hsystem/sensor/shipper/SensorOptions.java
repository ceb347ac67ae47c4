package io.hsystem.sensor.shipper;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * How a sensor names itself and ships.
 *
 * @param name how the server lists it (at enrollment)
 * @param hostname this host's name (at enrollment)
 * @param version the sensor's version (at enrollment and in heartbeats)
 * @param spoolMaxBytes bound of the disk spool; the oldest records are evicted (and counted) beyond
 * @param batchMaxRecords most records per request (at most 20,000)
 * @param batchLinger longest wait for a batch to fill
 * @param maxBackoff longest wait between retries
 * @param heartbeatInterval time between heartbeats; null means what the server asked at enrollment
 * @param requestTimeout connect and response timeout of one request
 */
public record SensorOptions(
    String name,
    String hostname,
    String version,
    long spoolMaxBytes,
    int batchMaxRecords,
    Duration batchLinger,
    Duration maxBackoff,
    Duration heartbeatInterval,
    Duration requestTimeout) {

  /**
   * Defaults: named after the host, 256 MiB spool, batches of 1,000 records or 1 s, retries up to
   * every 30 s, the server's heartbeat interval (15 s by default), 30 s request timeout.
   */
  public static SensorOptions defaults(String version) {
    String host = localHostName();
    return new SensorOptions(
        host,
        host,
        version,
        256L << 20,
        1000,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        null,
        Duration.ofSeconds(30));
  }

  public SensorOptions withSpoolMaxBytes(long bytes) {
    return new SensorOptions(
        name,
        hostname,
        version,
        bytes,
        batchMaxRecords,
        batchLinger,
        maxBackoff,
        heartbeatInterval,
        requestTimeout);
  }

  public SensorOptions withBatching(int maxRecords, Duration linger) {
    return new SensorOptions(
        name,
        hostname,
        version,
        spoolMaxBytes,
        maxRecords,
        linger,
        maxBackoff,
        heartbeatInterval,
        requestTimeout);
  }

  public SensorOptions withMaxBackoff(Duration backoff) {
    return new SensorOptions(
        name,
        hostname,
        version,
        spoolMaxBytes,
        batchMaxRecords,
        batchLinger,
        backoff,
        heartbeatInterval,
        requestTimeout);
  }

  public SensorOptions withHeartbeatInterval(Duration interval) {
    return new SensorOptions(
        name,
        hostname,
        version,
        spoolMaxBytes,
        batchMaxRecords,
        batchLinger,
        maxBackoff,
        interval,
        requestTimeout);
  }

  public SensorOptions withName(String newName) {
    return new SensorOptions(
        newName,
        hostname,
        version,
        spoolMaxBytes,
        batchMaxRecords,
        batchLinger,
        maxBackoff,
        heartbeatInterval,
        requestTimeout);
  }

  static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "sensor";
    }
  }
}
