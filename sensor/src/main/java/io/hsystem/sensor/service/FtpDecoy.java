package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.DecoySession;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * FTP decoy answering like vsftpd with anonymous login disabled: {@code USER}/{@code PASS} are
 * recorded as {@code login_attempt} and refused with {@code 530 Login incorrect.}; other commands
 * are recorded as {@code command} events and answered as vsftpd answers them before login. No data
 * connection is ever opened.
 */
final class FtpDecoy extends NettyService {

  static final String DEFAULT_BANNER = "220 (vsFTPd 3.0.5)";

  FtpDecoy(ServiceRuntime runtime, ServiceConfig config) {
    super(runtime, config);
  }

  @Override
  void init(SocketChannel channel, DecoySession session, Limits limits) {
    channel.pipeline().addLast("lines", new LineDecoder(512));
    channel.pipeline().addLast("ftp", new Handler(session, limits));
  }

  private final class Handler extends SimpleChannelInboundHandler<String> {
    private final DecoySession session;
    private final Limits limits;
    private String user;

    Handler(DecoySession session, Limits limits) {
      this.session = session;
      this.limits = limits;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      String banner = config.banner() == null ? DEFAULT_BANNER : config.banner();
      reply(ctx, banner.startsWith("220") ? banner : "220 " + banner);
      ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
      String trimmed = line.strip();
      int space = trimmed.indexOf(' ');
      String verb = (space < 0 ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
      String arg = space < 0 ? "" : trimmed.substring(space + 1);
      switch (verb) {
        case "USER" -> {
          user = arg;
          reply(ctx, "331 Please specify the password.");
        }
        case "PASS" -> {
          if (user == null) {
            reply(ctx, "503 Login with USER first.");
            return;
          }
          int attempt = session.countAuthAttempt();
          session.emit(session.event("login_attempt").put("username", user).put("password", arg));
          user = null;
          if (attempt >= limits.maxAuthAttempts()) {
            ctx.writeAndFlush(text("530 Login incorrect.\r\n"))
                .addListener(ChannelFutureListener.CLOSE);
            return;
          }
          reply(ctx, "530 Login incorrect.");
        }
        case "" -> {}
        default -> {
          session.emit(session.event("command").put("command_line", line));
          switch (verb) {
            case "QUIT" -> {
              ctx.writeAndFlush(text("221 Goodbye.\r\n")).addListener(ChannelFutureListener.CLOSE);
            }
            case "NOOP" -> reply(ctx, "200 NOOP ok.");
            case "SYST" -> reply(ctx, "215 UNIX Type: L8");
            case "FEAT" ->
                reply(
                    ctx,
                    "211-Features:\r\n EPRT\r\n EPSV\r\n MDTM\r\n PASV\r\n REST STREAM\r\n SIZE\r\n"
                        + " TVFS\r\n UTF8\r\n211 End");
            case "OPTS" -> reply(ctx, "200 Always in UTF8 mode.");
            case "HELP" ->
                reply(
                    ctx,
                    "214-The following commands are recognized.\r\n"
                        + " ABOR ACCT ALLO APPE CDUP CWD  DELE EPRT EPSV FEAT HELP LIST MDTM MKD\r\n"
                        + " MODE NLST NOOP OPTS PASS PASV PORT PWD  QUIT REIN REST RETR RMD  RNFR\r\n"
                        + " RNTO SITE SIZE SMNT STAT STOR STOU STRU SYST TYPE USER XCUP XCWD XMKD\r\n"
                        + " XPWD XRMD\r\n214 Help OK.");
            case "AUTH", "PBSZ", "PROT" -> reply(ctx, "530 Please login with USER and PASS.");
            default -> {
              if (verb.matches("[A-Z]{3,4}")) {
                reply(ctx, "530 Please login with USER and PASS.");
              } else {
                reply(ctx, "500 Unknown command.");
              }
            }
          }
        }
      }
    }
  }

  private static void reply(ChannelHandlerContext ctx, String text) {
    ctx.writeAndFlush(text(text + "\r\n"));
  }

  private static io.netty.buffer.ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }
}
