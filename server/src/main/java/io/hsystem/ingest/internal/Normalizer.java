package io.hsystem.ingest.internal;

import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.shared.IpAddresses;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The cleaning step every parsed event goes through (spec §5): an id and ingest time, process names
 * from paths, IPs validated ("-" and blanks dropped, IPv4-mapped IPv6 unwrapped, anything else
 * refused), times within sane bounds, over-long strings cut with the cut fields named in {@code
 * truncated}.
 */
public final class Normalizer {

  /** Events older than this are refused as a broken clock or a bad parse. */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** How far in the future an event time may lie (clock skew). */
  static final Duration MAX_FUTURE = Duration.ofDays(1);

  private final int maxFieldLength;
  private final int maxRawLength;

  public Normalizer(int maxFieldLength, int maxRawLength) {
    this.maxFieldLength = maxFieldLength;
    this.maxRawLength = maxRawLength;
  }

  /** Cleans the event in place; a refusal says which field is wrong. */
  public void normalise(Event event, Instant now) throws RecordRejected {
    Instant time = event.getTime(EventField.EVENT_TIME);
    if (time == null) {
      throw new RecordRejected("event_time: missing");
    }
    if (time.isBefore(EARLIEST) || time.isAfter(now.plus(MAX_FUTURE))) {
      throw new RecordRejected("event_time: " + time + " is not plausible");
    }
    if (!event.has(EventField.EVENT_TYPE)) {
      throw new RecordRejected("event_type: missing");
    }
    event.set(EventField.EVENT_ID, newId(now));
    event.set(EventField.INGEST_TIME, now);
    deriveName(event, EventField.PATH, EventField.PROCESS_NAME);
    deriveName(event, EventField.PARENT_PATH, EventField.PARENT_PROCESS_NAME);
    for (EventField ip :
        new EventField[] {EventField.SRC_IP, EventField.DST_IP, EventField.HOST_IP}) {
      cleanIp(event, ip);
    }
    for (EventField port : new EventField[] {EventField.SRC_PORT, EventField.DST_PORT}) {
      Long p = event.getLong(port);
      if (p != null && (p < 0 || p > 65535)) {
        throw new RecordRejected(port.fieldName() + ": " + p + " is not a port");
      }
    }
    StringBuilder cut = null;
    for (EventField field : EventField.ALL) {
      if (event.get(field) instanceof String s) {
        int max = field == EventField.RAW ? maxRawLength : maxFieldLength;
        if (s.length() > max) {
          event.set(field, s.substring(0, max));
          cut = cut == null ? new StringBuilder() : cut.append(',');
          cut.append(field.fieldName());
        }
      }
    }
    if (cut != null) {
      event.set(EventField.TRUNCATED, cut.toString());
    }
  }

  private static void deriveName(Event event, EventField path, EventField name) {
    String p = event.getString(path);
    if (p != null && !event.has(name)) {
      int slash = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
      String last = p.substring(slash + 1);
      if (!last.isEmpty()) {
        event.set(name, last);
      }
    }
  }

  private static void cleanIp(Event event, EventField field) throws RecordRejected {
    String ip = event.getString(field);
    if (ip == null) {
      return;
    }
    String v = ip.trim();
    if (v.equals("-") || v.isEmpty()) {
      event.set(field, null);
      return;
    }
    if (v.startsWith("[") && v.endsWith("]")) {
      v = v.substring(1, v.length() - 1);
    }
    if (v.regionMatches(true, 0, "::ffff:", 0, 7)
        && IpAddresses.isValid(v.substring(7))
        && v.indexOf('.') > 0) {
      v = v.substring(7);
    }
    int zone = v.indexOf('%');
    if (zone > 0) {
      v = v.substring(0, zone);
    }
    if (!IpAddresses.isValid(v)) {
      throw new RecordRejected(
          field.fieldName() + ": '" + abbreviate(ip) + "' is not an IP address");
    }
    event.set(field, v);
  }

  private static String abbreviate(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  /**
   * A time-ordered UUID (version 7: 48 bits of milliseconds, 74 random bits). Ids of events that
   * arrive together share their leading characters, which keeps the store's id dictionary compact;
   * ThreadLocalRandom because ids need uniqueness, not secrecy.
   */
  static String newId(Instant now) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long high = (now.toEpochMilli() << 16) | 0x7000L | (r.nextInt() & 0x0FFFL);
    long low = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
