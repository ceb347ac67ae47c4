package io.hsystem.sensor.service;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits a byte stream into lines (LF or CR LF), as strings of at most {@code maxLength} bytes: a
 * longer line is passed on cut, and the rest of it up to its end is discarded, so the buffer never
 * holds more than {@code maxLength} bytes.
 */
final class LineDecoder extends ByteToMessageDecoder {

  private final int maxLength;
  private boolean discarding;

  LineDecoder(int maxLength) {
    this.maxLength = maxLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
      if (discarding) {
        if (eol < 0) {
          in.skipBytes(in.readableBytes());
          return;
        }
        in.readerIndex(eol + 1);
        discarding = false;
        continue;
      }
      if (eol < 0) {
        if (in.readableBytes() > maxLength) {
          out.add(in.readCharSequence(maxLength, StandardCharsets.UTF_8).toString());
          in.skipBytes(in.readableBytes());
          discarding = true;
        }
        return;
      }
      int length = eol - in.readerIndex();
      int keep = Math.min(length, maxLength);
      String line = in.toString(in.readerIndex(), keep, StandardCharsets.UTF_8);
      in.readerIndex(eol + 1);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      out.add(line);
    }
  }
}
