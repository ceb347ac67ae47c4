package io.hsystem.sensor.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The line discipline of a fake terminal (SSH with a pty, Telnet): collects typed bytes into lines,
 * echoes them when the terminal expects it, handles backspace, Ctrl-C, Ctrl-D and arrow-key escape
 * sequences, and ends lines on CR, LF, CR LF or CR NUL. A line longer than its bound is cut; the
 * rest of it is dropped.
 */
final class LineEditor {

  /** Returned for Ctrl-C. */
  static final String INTERRUPT = "\u0003";

  /** Returned for Ctrl-D on an empty line. */
  static final String EOF = "\u0004";

  private final int maxLine;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean echo;
  private boolean afterCr;
  private int escape; // 0 none, 1 after ESC, 2 inside CSI

  LineEditor(boolean echo, int maxLine) {
    this.echo = echo;
    this.maxLine = maxLine;
  }

  void setEcho(boolean on) {
    this.echo = on;
  }

  /**
   * Feeds received bytes; returns the completed lines (or markers) and appends echo to {@code out}.
   */
  List<String> feed(byte[] data, int offset, int length, StringBuilder out) {
    List<String> done = new ArrayList<>(1);
    for (int i = offset; i < offset + length; i++) {
      int b = data[i] & 0xff;
      if (escape == 1) {
        escape = b == '[' || b == 'O' ? 2 : 0;
        continue;
      }
      if (escape == 2) {
        if (b >= 0x40 && b <= 0x7e) {
          escape = 0;
        }
        continue;
      }
      if (afterCr && (b == '\n' || b == 0)) {
        afterCr = false;
        continue;
      }
      afterCr = false;
      switch (b) {
        case '\r', '\n' -> {
          afterCr = b == '\r';
          done.add(take());
          if (echo) {
            out.append("\r\n");
          }
        }
        case 0x03 -> {
          line.reset();
          done.add(INTERRUPT);
          if (echo) {
            out.append("^C\r\n");
          }
        }
        case 0x04 -> {
          if (line.size() == 0) {
            done.add(EOF);
          }
        }
        case 0x7f, 0x08 -> backspace(out);
        case 0x15 -> line.reset(); // Ctrl-U
        case 0x1b -> escape = 1;
        default -> {
          if (b >= 0x20 || b == '\t') {
            if (line.size() < maxLine) {
              line.write(b);
              if (echo) {
                out.append((char) b);
              }
            }
          }
        }
      }
    }
    return done;
  }

  private void backspace(StringBuilder out) {
    byte[] bytes = line.toByteArray();
    int n = bytes.length;
    if (n == 0) {
      return;
    }
    // drop a whole UTF-8 character
    int cut = n - 1;
    while (cut > 0 && (bytes[cut] & 0xc0) == 0x80) {
      cut--;
    }
    line.reset();
    line.write(bytes, 0, cut);
    if (echo) {
      out.append("\b \b");
    }
  }

  private String take() {
    String s = line.toString(StandardCharsets.UTF_8);
    line.reset();
    return s;
  }

  /**
   * Echo is collected as chars holding single bytes (UTF-8 typed characters are echoed byte by
   * byte); this turns such a string back into the bytes to send.
   */
  static byte[] echoBytes(StringBuilder echo) {
    byte[] bytes = new byte[echo.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) echo.charAt(i);
    }
    return bytes;
  }
}
