package io.hsystem.sensor.core;

/**
 * Where honeypot services hand their events: the shipper on a honeypot host, the server's ingest
 * pipeline in single-server mode. Implementations must not block for long (they are called on the
 * services' I/O threads) and must be thread-safe.
 */
@FunctionalInterface
public interface EventSink {

  void accept(HoneypotEvent event);
}
