package io.hsystem.sensor.core;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Turning attacker bytes into bounded, loggable strings. */
public final class Text {

  private Text() {}

  /** At most {@code max} characters of {@code s} (null stays null). */
  public static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /** UTF-8 text of at most {@code max} bytes, invalid sequences replaced. */
  public static String utf8(byte[] bytes, int offset, int length, int max) {
    return new String(bytes, offset, Math.min(length, max), StandardCharsets.UTF_8);
  }

  /** Printable ASCII rendering: other bytes become {@code .}, as hexdump does. */
  public static String printable(byte[] bytes, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xff;
      sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return sb.toString();
  }

  public static String hex(byte[] bytes, int length) {
    return HexFormat.of().formatHex(bytes, 0, length);
  }
}
