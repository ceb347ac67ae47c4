package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.DecoySession;
import io.hsystem.sensor.core.Text;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Generic TCP decoy: sends the configured banner (if any), waits for the client's first bytes,
 * records up to {@link #MAX_FIRST_BYTES} of them (printable rendering and hex) as a {@code payload}
 * event, then closes. A client that sends nothing is closed by the idle limit.
 */
final class GenericDecoy extends NettyService {

  static final int MAX_FIRST_BYTES = 1024;

  GenericDecoy(ServiceRuntime runtime, ServiceConfig config) {
    super(runtime, config);
  }

  @Override
  void init(SocketChannel channel, DecoySession session, Limits limits) {
    channel.pipeline().addLast("generic", new Handler(session));
  }

  private final class Handler extends ChannelInboundHandlerAdapter {
    private final DecoySession session;
    private boolean recorded;

    Handler(DecoySession session) {
      this.session = session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      if (config.banner() != null && !config.banner().isEmpty()) {
        ctx.writeAndFlush(Unpooled.copiedBuffer(config.banner(), StandardCharsets.UTF_8));
      }
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (recorded || !(msg instanceof ByteBuf buf)) {
          return;
        }
        recorded = true;
        int n = Math.min(buf.readableBytes(), MAX_FIRST_BYTES);
        byte[] bytes = new byte[n];
        buf.readBytes(bytes);
        session.emit(
            session
                .event("payload")
                .put("message", Text.printable(bytes, n))
                .put("first_bytes_hex", Text.hex(bytes, n))
                .put("first_bytes_length", n));
        ctx.close();
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }
  }
}
