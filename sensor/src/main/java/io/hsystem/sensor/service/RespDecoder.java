package io.hsystem.sensor.service;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis requests: RESP arrays of bulk strings ({@code *2\r\n$4\r\nAUTH\r\n$3\r\nabc\r\n}) and
 * inline commands ({@code PING\r\n}), each decoded into its argument list. Bounded: at most {@link
 * #MAX_ARGS} arguments, bulk strings of at most {@code maxBulk} bytes, inline lines of at most
 * {@code maxBulk} bytes; a request breaking a bound is a protocol error (the connection closes).
 */
final class RespDecoder extends ByteToMessageDecoder {

  static final int MAX_ARGS = 256;
  private final int maxBulk;

  RespDecoder(int maxBulk) {
    this.maxBulk = maxBulk;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      int start = in.readerIndex();
      List<String> args = in.getByte(start) == '*' ? array(in) : inline(in);
      if (args == null) {
        in.readerIndex(start);
        if (in.readableBytes() > maxBulk * 2L + 1024) {
          throw new DecoderException("request too large");
        }
        return;
      }
      if (!args.isEmpty()) {
        out.add(args);
      }
    }
  }

  private List<String> inline(ByteBuf in) {
    int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
    if (eol < 0) {
      if (in.readableBytes() > maxBulk) {
        throw new DecoderException("inline request too long");
      }
      return null;
    }
    String line = in.toString(in.readerIndex(), eol - in.readerIndex(), StandardCharsets.UTF_8);
    in.readerIndex(eol + 1);
    List<String> args = new ArrayList<>();
    for (String word : line.strip().split("\\s+")) {
      if (!word.isEmpty() && args.size() < MAX_ARGS) {
        args.add(word);
      }
    }
    return args;
  }

  /** A whole array, or null when more bytes are needed. */
  private List<String> array(ByteBuf in) {
    in.skipBytes(1);
    Long count = number(in);
    if (count == null) {
      return null;
    }
    if (count > MAX_ARGS) {
      throw new DecoderException("too many arguments: " + count);
    }
    List<String> args = new ArrayList<>((int) Math.max(count, 0));
    for (long i = 0; i < count; i++) {
      if (!in.isReadable()) {
        return null;
      }
      if (in.readByte() != '$') {
        throw new DecoderException("bulk string expected");
      }
      Long length = number(in);
      if (length == null) {
        return null;
      }
      if (length < 0 || length > maxBulk) {
        throw new DecoderException("bulk string length " + length);
      }
      if (in.readableBytes() < length + 2) {
        return null;
      }
      args.add(in.toString(in.readerIndex(), (int) (long) length, StandardCharsets.UTF_8));
      in.skipBytes((int) (long) length + 2);
    }
    return args;
  }

  /** The number before CR LF, or null when the line is not complete. */
  private static Long number(ByteBuf in) {
    int eol =
        in.indexOf(
            in.readerIndex(), Math.min(in.writerIndex(), in.readerIndex() + 24), (byte) '\n');
    if (eol < 0) {
      if (in.readableBytes() >= 24) {
        throw new DecoderException("bad length line");
      }
      return null;
    }
    String digits =
        in.toString(in.readerIndex(), eol - in.readerIndex(), StandardCharsets.US_ASCII).strip();
    in.readerIndex(eol + 1);
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new DecoderException("bad length: " + digits);
    }
  }
}
