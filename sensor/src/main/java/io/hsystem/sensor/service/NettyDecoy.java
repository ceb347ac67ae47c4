package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.DecoySession;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A decoy on Netty: binds, admits each connection through the connection caps (refused ones are
 * reset at once), records the port touch for port-scan sensing, emits the {@code connection} event,
 * then puts {@link SessionLimitHandler} and the service's own handlers on the pipeline.
 */
final class NettyDecoy implements Decoy {

  private final ServiceConfig config;
  private final Channel serverChannel;
  private final ChannelGroup children;

  private NettyDecoy(ServiceConfig config, Channel serverChannel, ChannelGroup children) {
    this.config = config;
    this.serverChannel = serverChannel;
    this.children = children;
  }

  static Decoy bind(ServiceRuntime runtime, ServiceConfig config, NettyService service)
      throws IOException {
    ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(runtime.boss, runtime.workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    admit(runtime, config, service, children, ch);
                  }
                });
    ChannelFuture bound =
        bootstrap.bind(runtime.bindAddress(), config.port()).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new IOException(
          config.name()
              + ": cannot bind "
              + runtime.bindAddress()
              + ":"
              + config.port()
              + ": "
              + bound.cause().getMessage(),
          bound.cause());
    }
    return new NettyDecoy(config, bound.channel(), children);
  }

  private static void admit(
      ServiceRuntime runtime,
      ServiceConfig config,
      NettyService service,
      ChannelGroup children,
      SocketChannel ch) {
    InetSocketAddress remote = ch.remoteAddress();
    InetSocketAddress local = ch.localAddress();
    if (remote == null || local == null) {
      ch.close();
      return;
    }
    InetAddress source = remote.getAddress();
    String dstIp = local.getAddress().getHostAddress();
    runtime.scans().touched(source, dstIp, local.getPort());
    if (!runtime.guard.tryAcquire(source, config.name(), dstIp, local.getPort())) {
      // reset rather than close: no TIME_WAIT left behind by a flood
      ch.config().setOption(ChannelOption.SO_LINGER, 0);
      ch.close();
      return;
    }
    ch.closeFuture().addListener(f -> runtime.guard.release(source));
    children.add(ch);
    DecoySession session = new DecoySession(config.name(), remote, local, runtime.emitter);
    Limits limits = runtime.limits();
    session.emit(session.event("connection").put("message", "connection to " + config.name()));
    ch.pipeline().addLast("limits", new SessionLimitHandler(session, limits));
    service.init(ch, session, limits);
    ch.pipeline().addLast("errors", CloseOnError.INSTANCE);
  }

  /** Last on the pipeline: attacker input that breaks a decoder ends the connection, quietly. */
  @io.netty.channel.ChannelHandler.Sharable
  static final class CloseOnError extends io.netty.channel.ChannelInboundHandlerAdapter {
    static final CloseOnError INSTANCE = new CloseOnError();

    @Override
    public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  @Override
  public ServiceConfig config() {
    return config;
  }

  @Override
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  @Override
  public void close() {
    serverChannel.close().awaitUninterruptibly();
    children.close().awaitUninterruptibly();
  }
}
