package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.DecoySession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Telnet decoy: Linux telnetd's option negotiation, a {@code login:}/{@code Password:} dialogue
 * recording every attempt, and the {@link FakeShell} behind the configured credentials.
 */
final class TelnetDecoy extends NettyService {

  static final int IAC = 255;
  static final int DONT = 254;
  static final int DO = 253;
  static final int WONT = 252;
  static final int WILL = 251;
  static final int SB = 250;
  static final int SE = 240;
  static final int ECHO = 1;
  static final int SGA = 3;

  TelnetDecoy(ServiceRuntime runtime, ServiceConfig config) {
    super(runtime, config);
  }

  @Override
  void init(SocketChannel channel, DecoySession session, Limits limits) {
    channel.pipeline().addLast("telnet", new Handler(session, limits));
  }

  private enum State {
    LOGIN,
    PASSWORD,
    SHELL
  }

  private final class Handler extends ChannelInboundHandlerAdapter {
    private final DecoySession session;
    private final Limits limits;
    private final LineEditor editor = new LineEditor(false, FakeShell.MAX_LINE);
    private final String hostname;
    private State state = State.LOGIN;
    private String username;
    private FakeShell shell;
    private boolean clientEchoes = false;
    private boolean greeted;
    private ScheduledFuture<?> greeting;
    // IAC parser: 0 data, 1 after IAC, 2 after WILL/WONT/DO/DONT (value in verb), 3 in SB, 4 SB+IAC
    private int iac;
    private int verb;
    private int subBytes;

    Handler(DecoySession session, Limits limits) {
      this.session = session;
      this.limits = limits;
      this.hostname = config.option("hostname", runtime.profile().hostname);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      // what Linux telnetd sends first: DO TTYPE, DO TSPEED, DO XDISPLOC, DO NEW-ENVIRON
      ctx.writeAndFlush(bytes(IAC, DO, 24, IAC, DO, 32, IAC, DO, 35, IAC, DO, 39));
      greeting = ctx.executor().schedule(() -> greet(ctx), 400, TimeUnit.MILLISECONDS);
      ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (greeting != null) {
        greeting.cancel(false);
      }
      ctx.fireChannelInactive();
    }

    private void greet(ChannelHandlerContext ctx) {
      if (greeted || !ctx.channel().isActive()) {
        return;
      }
      greeted = true;
      ctx.write(bytes(IAC, WILL, ECHO, IAC, WILL, SGA));
      String banner = config.banner() == null ? "" : config.banner();
      write(ctx, "\r\n" + banner + "\r\n\r\n" + hostname + " login: ");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof ByteBuf buf)) {
        ReferenceCountUtil.release(msg);
        return;
      }
      try {
        greet(ctx);
        byte[] data = new byte[buf.readableBytes()];
        buf.readBytes(data);
        byte[] plain = new byte[data.length];
        int n = 0;
        for (byte d : data) {
          int b = d & 0xff;
          switch (iac) {
            case 0 -> {
              if (b == IAC) {
                iac = 1;
              } else {
                plain[n++] = d;
              }
            }
            case 1 -> {
              if (b == IAC) {
                plain[n++] = d;
                iac = 0;
              } else if (b >= WILL && b <= DONT) {
                verb = b;
                iac = 2;
              } else if (b == SB) {
                iac = 3;
                subBytes = 0;
              } else {
                iac = 0;
              }
            }
            case 2 -> {
              if (b == ECHO && verb == DO) {
                clientEchoes = true;
              } else if (b == ECHO && verb == DONT) {
                clientEchoes = false;
              }
              iac = 0;
            }
            case 3 -> {
              if (b == IAC) {
                iac = 4;
              } else if (++subBytes > 512) {
                iac = 0; // runaway subnegotiation: treat the rest as data
              }
            }
            default -> iac = b == SE ? 0 : 3;
          }
        }
        editor.setEcho(clientEchoes && state != State.PASSWORD);
        StringBuilder echo = new StringBuilder();
        for (String line : editor.feed(plain, 0, n, echo)) {
          if (echo.length() > 0) {
            ctx.write(Unpooled.wrappedBuffer(LineEditor.echoBytes(echo)));
            echo.setLength(0);
          }
          if (!ctx.channel().isActive() || !handle(ctx, line)) {
            return;
          }
          editor.setEcho(clientEchoes && state != State.PASSWORD);
        }
        if (echo.length() > 0) {
          ctx.write(Unpooled.wrappedBuffer(LineEditor.echoBytes(echo)));
        }
        ctx.flush();
      } finally {
        buf.release();
      }
    }

    /** Returns false when the connection is being closed. */
    private boolean handle(ChannelHandlerContext ctx, String line) {
      if (LineEditor.EOF.equals(line)) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        return false;
      }
      switch (state) {
        case LOGIN -> {
          if (LineEditor.INTERRUPT.equals(line) || line.isBlank()) {
            write(ctx, hostname + " login: ");
            return true;
          }
          username = line.trim();
          state = State.PASSWORD;
          write(ctx, "Password: ");
        }
        case PASSWORD -> {
          String password = LineEditor.INTERRUPT.equals(line) ? "" : line;
          int attempt = session.countAuthAttempt();
          boolean ok = config.credentials().stream().anyMatch(c -> c.matches(username, password));
          session.emit(
              session
                  .event("login_attempt")
                  .put("username", username)
                  .put("password", password)
                  .put("message", ok ? "accepted" : "rejected"));
          if (ok) {
            session.emit(session.event("login_success").put("username", username));
            shell = new FakeShell(runtime.profile(), username, session);
            state = State.SHELL;
            write(ctx, "\r\n" + crlf(shell.motd()) + "\r\n" + shell.prompt());
            return true;
          }
          if (attempt >= limits.maxAuthAttempts()) {
            write(ctx, "\r\nLogin incorrect\r\n");
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return false;
          }
          state = State.LOGIN;
          write(ctx, "\r\nLogin incorrect\r\n" + hostname + " login: ");
        }
        case SHELL -> {
          if (LineEditor.INTERRUPT.equals(line)) {
            write(ctx, shell.prompt());
            return true;
          }
          FakeShell.Result result = shell.run(line);
          if (result.exit()) {
            write(ctx, crlf(result.output()) + "logout\r\n");
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return false;
          }
          write(ctx, crlf(result.output()) + shell.prompt());
        }
        default -> {}
      }
      return true;
    }
  }

  static String crlf(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  private static void write(ChannelHandlerContext ctx, String text) {
    ctx.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  private static ByteBuf bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return Unpooled.wrappedBuffer(b);
  }
}
