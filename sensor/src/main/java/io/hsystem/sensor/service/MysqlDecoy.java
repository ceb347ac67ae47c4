package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.DecoySession;
import io.hsystem.sensor.core.Text;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * MySQL decoy: sends a real protocol-10 handshake (configured version, random salt, {@code
 * mysql_native_password}), reads the client's HandshakeResponse41 and records the user, the
 * database, the auth plugin and the hashed auth response (the password itself never crosses the
 * wire), then denies access with error 1045 exactly as MySQL words it.
 */
final class MysqlDecoy extends NettyService {

  static final String DEFAULT_VERSION = "5.7.44-log";
  private static final int MAX_PACKET = 16 * 1024;
  private static final int CLIENT_CONNECT_WITH_DB = 0x8;
  private static final int CLIENT_PROTOCOL_41 = 0x200;
  private static final int CLIENT_SSL = 0x800;
  private static final int CLIENT_SECURE_CONNECTION = 0x8000;
  private static final int CLIENT_PLUGIN_AUTH = 0x80000;
  private static final int CLIENT_PLUGIN_AUTH_LENENC = 0x200000;

  MysqlDecoy(ServiceRuntime runtime, ServiceConfig config) {
    super(runtime, config);
  }

  @Override
  void init(SocketChannel channel, DecoySession session, Limits limits) {
    channel
        .pipeline()
        .addLast(
            "frames",
            new LengthFieldBasedFrameDecoder(
                ByteOrder.LITTLE_ENDIAN, MAX_PACKET + 4, 0, 3, 1, 0, true));
    channel.pipeline().addLast("mysql", new Handler(session));
  }

  private final class Handler extends SimpleChannelInboundHandler<ByteBuf> {
    private final DecoySession session;

    Handler(DecoySession session) {
      this.session = session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.writeAndFlush(handshake());
      ctx.fireChannelActive();
    }

    private ByteBuf handshake() {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      byte[] salt = new byte[20];
      for (int i = 0; i < salt.length; i++) {
        salt[i] = (byte) (0x21 + r.nextInt(0x7e - 0x21));
      }
      String version = config.banner() == null ? DEFAULT_VERSION : config.banner();
      ByteBuf p = Unpooled.buffer(128);
      p.writeByte(10);
      p.writeBytes(version.getBytes(StandardCharsets.US_ASCII)).writeByte(0);
      p.writeIntLE(1 + r.nextInt(100_000));
      p.writeBytes(salt, 0, 8).writeByte(0);
      p.writeShortLE(0xf7ff); // capabilities, low: no CLIENT_SSL
      p.writeByte(0x21); // utf8_general_ci
      p.writeShortLE(0x0002); // SERVER_STATUS_AUTOCOMMIT
      p.writeShortLE(0x81ff); // capabilities, high (plugin auth, connect attrs, …)
      p.writeByte(21);
      p.writeZero(10);
      p.writeBytes(salt, 8, 12).writeByte(0);
      p.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII)).writeByte(0);
      return packet(0, p);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      frame.skipBytes(3);
      int seq = frame.readUnsignedByte();
      String username = "";
      String database = null;
      String plugin = null;
      byte[] auth = new byte[0];
      int caps;
      if (frame.readableBytes() >= 4) {
        caps = frame.getIntLE(frame.readerIndex());
      } else {
        ctx.close();
        return;
      }
      if ((caps & CLIENT_SSL) != 0 && frame.readableBytes() == 32) {
        // an SSLRequest although TLS was not offered: nothing to record, nothing to say
        ctx.close();
        return;
      }
      try {
        if ((caps & CLIENT_PROTOCOL_41) != 0) {
          frame.skipBytes(4 + 4 + 1 + 23);
          username = cString(frame);
          int authLength;
          if ((caps & CLIENT_PLUGIN_AUTH_LENENC) != 0) {
            authLength = (int) Math.min(lenenc(frame), 1024);
          } else if ((caps & CLIENT_SECURE_CONNECTION) != 0) {
            authLength = frame.readUnsignedByte();
          } else {
            authLength = -1;
          }
          if (authLength >= 0) {
            auth = new byte[Math.min(authLength, frame.readableBytes())];
            frame.readBytes(auth);
          } else {
            auth = cString(frame).getBytes(StandardCharsets.ISO_8859_1);
          }
          if ((caps & CLIENT_CONNECT_WITH_DB) != 0 && frame.isReadable()) {
            database = cString(frame);
          }
          if ((caps & CLIENT_PLUGIN_AUTH) != 0 && frame.isReadable()) {
            plugin = cString(frame);
          }
        } else {
          frame.skipBytes(2 + 3);
          username = cString(frame);
        }
      } catch (IndexOutOfBoundsException malformed) {
        // a truncated response: record what was read
      }
      session.emit(
          session
              .event("login_attempt")
              .put("username", Text.cut(username, 256))
              .put("mysql_auth_response", Text.hex(auth, auth.length))
              .put("mysql_auth_plugin", plugin == null ? null : Text.cut(plugin, 64))
              .put("mysql_database", database == null ? null : Text.cut(database, 256))
              .put("message", "password not recoverable: the client sent a salted hash"));
      String message =
          "Access denied for user '"
              + Text.cut(username, 64)
              + "'@'"
              + session.srcIp()
              + "' (using password: "
              + (auth.length > 0 ? "YES" : "NO")
              + ")";
      ByteBuf err = Unpooled.buffer();
      err.writeByte(0xff).writeShortLE(1045).writeByte('#');
      err.writeBytes("28000".getBytes(StandardCharsets.US_ASCII));
      err.writeBytes(message.getBytes(StandardCharsets.UTF_8));
      ctx.writeAndFlush(packet(seq + 1, err)).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static String cString(ByteBuf buf) {
    int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
    if (end < 0) {
      end = buf.writerIndex();
    }
    String s = buf.toString(buf.readerIndex(), end - buf.readerIndex(), StandardCharsets.UTF_8);
    buf.readerIndex(Math.min(end + 1, buf.writerIndex()));
    return s;
  }

  private static long lenenc(ByteBuf buf) {
    int first = buf.readUnsignedByte();
    return switch (first) {
      case 0xfc -> buf.readUnsignedShortLE();
      case 0xfd -> buf.readUnsignedMediumLE();
      case 0xfe -> buf.readLongLE();
      default -> first;
    };
  }

  private static ByteBuf packet(int seq, ByteBuf payload) {
    ByteBuf out = Unpooled.buffer(4 + payload.readableBytes());
    out.writeMediumLE(payload.readableBytes());
    out.writeByte(seq & 0xff);
    out.writeBytes(payload);
    payload.release();
    return out;
  }
}
