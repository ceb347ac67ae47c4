package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.core.DecoySession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * First on every decoy pipeline: closes the connection when it has sent more than the session's
 * byte budget (passing on only the bytes within budget), when it has lived longer than the session
 * limit, or when it has been idle longer than the idle limit. Emits one {@code session_limit} event
 * saying which limit closed it.
 */
final class SessionLimitHandler extends ChannelDuplexHandler {

  private final DecoySession session;
  private final Limits limits;
  private long bytesRead;
  private boolean closing;
  private ScheduledFuture<?> deadline;

  SessionLimitHandler(DecoySession session, Limits limits) {
    this.session = session;
    this.limits = limits;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    ctx.pipeline()
        .addBefore(
            ctx.name(),
            "idle",
            new IdleStateHandler(0, 0, limits.idleTimeoutSeconds(), TimeUnit.SECONDS));
    deadline =
        ctx.executor()
            .schedule(
                () ->
                    limitReached(
                        ctx, "session time limit of " + limits.sessionTimeoutSeconds() + " s"),
                limits.sessionTimeoutSeconds(),
                TimeUnit.SECONDS);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (deadline != null) {
      deadline.cancel(false);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing) {
      io.netty.util.ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof ByteBuf buf) {
      long allowed = limits.maxBytesPerSession() - bytesRead;
      bytesRead += buf.readableBytes();
      if (buf.readableBytes() > allowed) {
        if (allowed > 0) {
          ctx.fireChannelRead(buf.retainedSlice(buf.readerIndex(), (int) allowed));
        }
        buf.release();
        limitReached(ctx, "byte limit of " + limits.maxBytesPerSession() + " bytes per session");
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      limitReached(ctx, "idle limit of " + limits.idleTimeoutSeconds() + " s");
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // attacker input that breaks a decoder ends the connection, quietly
    ctx.close();
  }

  private void limitReached(ChannelHandlerContext ctx, String which) {
    if (closing) {
      return;
    }
    closing = true;
    session.emit(session.event("session_limit").put("message", "closed: " + which));
    ctx.close();
  }
}
