package io.hsystem.sensor.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection to a decoy: who, where, and a random {@code session_id}. Builds the events of the
 * connection with the common fields filled in; values learnt on the way (the SSH client version,
 * its HASSH) can be attached to every later event with {@link #remember}.
 */
public final class DecoySession {

  private final String service;
  private final String sessionId;
  private final InetAddress srcAddress;
  private final String srcIp;
  private final int srcPort;
  private final String dstIp;
  private final int dstPort;
  private final EventEmitter emitter;
  private final Map<String, String> remembered = new LinkedHashMap<>();
  private final AtomicInteger authAttempts = new AtomicInteger();

  public DecoySession(
      String service, InetSocketAddress remote, InetSocketAddress local, EventEmitter emitter) {
    this.service = service;
    this.sessionId = newSessionId();
    this.srcAddress = remote.getAddress();
    this.srcIp = remote.getAddress().getHostAddress();
    this.srcPort = remote.getPort();
    this.dstIp = local.getAddress().getHostAddress();
    this.dstPort = local.getPort();
    this.emitter = emitter;
  }

  private static String newSessionId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("%016x%08x", r.nextLong(), r.nextInt());
  }

  /** A new event of this connection with the common fields set. */
  public HoneypotEvent event(String eventType) {
    HoneypotEvent event =
        HoneypotEvent.of(eventType)
            .put("service", service)
            .put("src_ip", srcIp)
            .put("src_port", srcPort)
            .put("dst_ip", dstIp)
            .put("dst_port", dstPort)
            .put("protocol", "tcp")
            .put("session_id", sessionId);
    synchronized (remembered) {
      remembered.forEach(event::put);
    }
    return event;
  }

  public void emit(HoneypotEvent event) {
    emitter.emit(event);
  }

  /** Attaches a field to every later event of this connection. */
  public void remember(String field, String value) {
    if (value != null) {
      synchronized (remembered) {
        remembered.put(field, Text.cut(value, 1024));
      }
    }
  }

  /** Counts one login attempt; returns how many this connection has made, this one included. */
  public int countAuthAttempt() {
    return authAttempts.incrementAndGet();
  }

  public String service() {
    return service;
  }

  public String sessionId() {
    return sessionId;
  }

  public InetAddress srcAddress() {
    return srcAddress;
  }

  public String srcIp() {
    return srcIp;
  }

  public int srcPort() {
    return srcPort;
  }

  public String dstIp() {
    return dstIp;
  }

  public int dstPort() {
    return dstPort;
  }
}
