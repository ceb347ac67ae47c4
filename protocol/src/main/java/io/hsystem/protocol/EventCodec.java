package io.hsystem.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A compact binary form of an {@link Event}, for the write-ahead log and for stored documents: a
 * version byte, then per present field its ordinal and value (strings as UTF-8 with a varint
 * length, numbers as zig-zag varints, times as seconds and nanoseconds).
 *
 * <p>Field ordinals are part of the format: new fields are only ever appended to {@link
 * EventField}.
 */
public final class EventCodec {

  private static final byte VERSION = 1;

  private EventCodec() {}

  public static byte[] encode(Event event) {
    Writer out = new Writer();
    out.buf[out.len++] = VERSION;
    event.forEach(
        (field, value) -> {
          out.varint(field.ordinal());
          switch (field.kind()) {
            case NUMBER -> out.varlong(zigzag((Long) value));
            case TIME -> {
              Instant t = (Instant) value;
              out.varlong(zigzag(t.getEpochSecond()));
              out.varint(t.getNano());
            }
            default -> out.string((String) value);
          }
        });
    return Arrays.copyOf(out.buf, out.len);
  }

  public static Event decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * Decodes {@code length} bytes at {@code offset}; a damaged record throws
   * IllegalArgumentException.
   */
  public static Event decode(byte[] bytes, int offset, int length) {
    Reader in = new Reader(bytes, offset, offset + length);
    if (in.next() != VERSION) {
      throw new IllegalArgumentException("unknown event encoding");
    }
    Event event = new Event();
    while (in.pos < in.end) {
      int ordinal = in.varint();
      if (ordinal < 0 || ordinal >= EventField.COUNT) {
        throw new IllegalArgumentException("unknown field " + ordinal);
      }
      EventField field = EventField.ALL.get(ordinal);
      Object value =
          switch (field.kind()) {
            case NUMBER -> unzigzag(in.varlong());
            case TIME -> Instant.ofEpochSecond(unzigzag(in.varlong()), in.varint());
            default -> in.string();
          };
      event.set(field, value);
    }
    return event;
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static final class Writer {
    byte[] buf = new byte[256];
    int len;

    void ensure(int extra) {
      if (len + extra > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
      }
    }

    void varint(int v) {
      varlong(v & 0xFFFFFFFFL);
    }

    void varlong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
    }
  }

  private static final class Reader {
    final byte[] buf;
    int pos;
    final int end;

    Reader(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    byte next() {
      if (pos >= end) {
        throw new IllegalArgumentException("truncated event");
      }
      return buf[pos++];
    }

    int varint() {
      long v = varlong();
      if (v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("varint out of range");
      }
      return (int) v;
    }

    long varlong() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = next();
        result |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw new IllegalArgumentException("varint too long");
    }

    String string() {
      int n = varint();
      if (n > end - pos) {
        throw new IllegalArgumentException("truncated string");
      }
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }
  }
}
