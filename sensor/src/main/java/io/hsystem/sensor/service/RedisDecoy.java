package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.DecoySession;
import io.hsystem.sensor.core.Text;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redis decoy: an unauthenticated Redis as attackers hope to find it. Every request is a {@code
 * command} event with {@code service=redis} and the arguments joined by spaces in {@code
 * command_line} (what {@code honeypot_redis_exploit.yml} matches, e.g. {@code CONFIG SET dir
 * /root/.ssh}); {@code AUTH} is also a {@code login_attempt}. Keys live in a small per-connection
 * map; {@code CONFIG SET}, {@code SAVE}, {@code SLAVEOF}/{@code REPLICAOF} and {@code MODULE LOAD}
 * answer as Redis would but change nothing — no file is written and no outbound connection is made.
 */
final class RedisDecoy extends NettyService {

  static final String DEFAULT_VERSION = "6.2.14";
  private static final int MAX_KEYS = 100;
  private static final int MAX_VALUE = 4096;

  RedisDecoy(ServiceRuntime runtime, ServiceConfig config) {
    super(runtime, config);
  }

  @Override
  void init(SocketChannel channel, DecoySession session, Limits limits) {
    channel
        .pipeline()
        .addLast("resp", new RespDecoder(Math.min(limits.maxBytesPerSession(), 64 * 1024)));
    channel.pipeline().addLast("redis", new Handler(session, limits));
  }

  private final class Handler extends SimpleChannelInboundHandler<List<String>> {
    private final DecoySession session;
    private final Limits limits;
    private final Map<String, String> keys = new HashMap<>();
    private final Map<String, String> conf = new HashMap<>();

    Handler(DecoySession session, Limits limits) {
      this.session = session;
      this.limits = limits;
      conf.put("dir", "/var/lib/redis");
      conf.put("dbfilename", "dump.rdb");
      conf.put("requirepass", "");
      conf.put("protected-mode", "no");
      conf.put("port", "6379");
      conf.put("bind", "0.0.0.0");
      conf.put("maxmemory", "0");
      conf.put("appendonly", "no");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, List<String> args) {
      List<String> shown = new ArrayList<>(args.size());
      for (String a : args) {
        shown.add(Text.cut(a, 1024));
      }
      String line = String.join(" ", shown);
      session.emit(session.event("command").put("command_line", line));
      String cmd = args.get(0).toLowerCase(Locale.ROOT);
      String sub = args.size() > 1 ? args.get(1).toLowerCase(Locale.ROOT) : "";
      switch (cmd) {
        case "ping" -> ctx.writeAndFlush(args.size() > 1 ? bulk(args.get(1)) : simple("PONG"));
        case "echo" -> ctx.writeAndFlush(args.size() == 2 ? bulk(args.get(1)) : wrongArgs(cmd));
        case "auth" -> {
          int attempt = session.countAuthAttempt();
          String user = args.size() > 2 ? args.get(1) : null;
          String pass = args.size() > 2 ? args.get(2) : args.size() > 1 ? args.get(1) : "";
          session.emit(session.event("login_attempt").put("username", user).put("password", pass));
          String answer =
              "-ERR AUTH <password> called without any password configured for the default user."
                  + " Are you sure your configuration is correct?\r\n";
          if (attempt >= limits.maxAuthAttempts()) {
            ctx.writeAndFlush(text(answer)).addListener(ChannelFutureListener.CLOSE);
          } else {
            ctx.writeAndFlush(text(answer));
          }
        }
        case "info" -> ctx.writeAndFlush(bulk(info()));
        case "config" -> {
          if (sub.equals("get") && args.size() == 3) {
            String pattern = args.get(2).toLowerCase(Locale.ROOT);
            List<String> out = new ArrayList<>();
            conf.forEach(
                (k, v) -> {
                  if (pattern.equals("*") || pattern.equals(k)) {
                    out.add(k);
                    out.add(v);
                  }
                });
            ctx.writeAndFlush(array(out));
          } else if (sub.equals("set") && args.size() == 4) {
            if (conf.size() < 64) {
              conf.put(args.get(2).toLowerCase(Locale.ROOT), Text.cut(args.get(3), 512));
            }
            ctx.writeAndFlush(simple("OK"));
          } else if (sub.equals("resetstat") || sub.equals("rewrite")) {
            ctx.writeAndFlush(simple("OK"));
          } else {
            ctx.writeAndFlush(
                text(
                    "-ERR Unknown subcommand or wrong number of arguments for '"
                        + Text.cut(sub, 64)
                        + "'. Try CONFIG HELP.\r\n"));
          }
        }
        case "slaveof", "replicaof" -> {
          // answered as accepted; the decoy never connects to the "master"
          ctx.writeAndFlush(args.size() == 3 ? simple("OK") : wrongArgs(cmd));
        }
        case "module" -> {
          if (sub.equals("load")) {
            ctx.writeAndFlush(
                text("-ERR Error loading the extension. Please check the server logs.\r\n"));
          } else if (sub.equals("list")) {
            ctx.writeAndFlush(text("*0\r\n"));
          } else {
            ctx.writeAndFlush(
                text(
                    "-ERR Unknown subcommand or wrong number of arguments for '"
                        + Text.cut(sub, 64)
                        + "'. Try MODULE HELP.\r\n"));
          }
        }
        case "set" -> {
          if (args.size() < 3) {
            ctx.writeAndFlush(wrongArgs(cmd));
          } else {
            if (keys.size() < MAX_KEYS || keys.containsKey(args.get(1))) {
              keys.put(Text.cut(args.get(1), 256), Text.cut(args.get(2), MAX_VALUE));
            }
            ctx.writeAndFlush(simple("OK"));
          }
        }
        case "get" -> {
          if (args.size() != 2) {
            ctx.writeAndFlush(wrongArgs(cmd));
          } else {
            String v = keys.get(args.get(1));
            ctx.writeAndFlush(v == null ? text("$-1\r\n") : bulk(v));
          }
        }
        case "del" -> {
          int n = 0;
          for (int i = 1; i < args.size(); i++) {
            n += keys.remove(args.get(i)) != null ? 1 : 0;
          }
          ctx.writeAndFlush(text(":" + n + "\r\n"));
        }
        case "keys" ->
            ctx.writeAndFlush(
                args.size() == 2 ? array(new ArrayList<>(keys.keySet())) : wrongArgs(cmd));
        case "dbsize" -> ctx.writeAndFlush(text(":" + keys.size() + "\r\n"));
        case "flushall", "flushdb" -> {
          keys.clear();
          ctx.writeAndFlush(simple("OK"));
        }
        case "save" -> ctx.writeAndFlush(simple("OK"));
        case "bgsave" -> ctx.writeAndFlush(simple("Background saving started"));
        case "select" -> ctx.writeAndFlush(simple("OK"));
        case "client" -> ctx.writeAndFlush(sub.equals("setname") ? simple("OK") : text("$-1\r\n"));
        case "command" -> ctx.writeAndFlush(text("*0\r\n"));
        case "quit" -> ctx.writeAndFlush(simple("OK")).addListener(ChannelFutureListener.CLOSE);
        case "eval", "evalsha", "script", "debug", "shutdown", "monitor", "sync", "psync" ->
            ctx.writeAndFlush(text("-ERR operation not permitted\r\n"));
        case "post", "host:" -> {
          // real Redis drops cross-protocol (HTTP) requests the same way
          ctx.close();
        }
        default ->
            ctx.writeAndFlush(
                text(
                    "-ERR unknown command `"
                        + Text.cut(args.get(0), 128).replaceAll("[\\r\\n]", " ")
                        + "`, with args beginning with: \r\n"));
      }
    }

    private String info() {
      String version = config.banner() == null ? DEFAULT_VERSION : config.banner();
      return "# Server\r\nredis_version:"
          + version
          + "\r\nredis_git_sha1:00000000\r\n"
          + "redis_git_dirty:0\r\nredis_build_id:7f5b1cb1d0d4f8c2\r\nredis_mode:standalone\r\n"
          + "os:Linux "
          + runtime.profile().kernel
          + " x86_64\r\narch_bits:64\r\n"
          + "multiplexing_api:epoll\r\ngcc_version:11.4.0\r\nprocess_id:"
          + (800 + (runtime.profile().seed & 0x3ff))
          + "\r\n"
          + "tcp_port:6379\r\nuptime_in_seconds:"
          + runtime.profile().uptimeDays * 86_400L
          + "\r\n"
          + "uptime_in_days:"
          + runtime.profile().uptimeDays
          + "\r\nexecutable:/usr/bin/redis-server\r\n"
          + "config_file:/etc/redis/redis.conf\r\n\r\n# Clients\r\nconnected_clients:1\r\n"
          + "blocked_clients:0\r\n\r\n# Memory\r\nused_memory:873816\r\nused_memory_human:853.34K\r\n"
          + "maxmemory:0\r\nmaxmemory_policy:noeviction\r\n\r\n# Persistence\r\nloading:0\r\n"
          + "rdb_changes_since_last_save:0\r\nrdb_last_save_time:1717000000\r\n\r\n# Replication\r\n"
          + "role:master\r\nconnected_slaves:0\r\n\r\n# Keyspace\r\n"
          + (keys.isEmpty() ? "" : "db0:keys=" + keys.size() + ",expires=0,avg_ttl=0\r\n");
    }
  }

  private static io.netty.buffer.ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static io.netty.buffer.ByteBuf simple(String s) {
    return text("+" + s + "\r\n");
  }

  private static io.netty.buffer.ByteBuf wrongArgs(String cmd) {
    return text("-ERR wrong number of arguments for '" + cmd + "' command\r\n");
  }

  private static io.netty.buffer.ByteBuf bulk(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return text("$" + b.length + "\r\n" + s + "\r\n");
  }

  private static io.netty.buffer.ByteBuf array(List<String> items) {
    StringBuilder sb = new StringBuilder("*").append(items.size()).append("\r\n");
    for (String s : items) {
      sb.append('$')
          .append(s.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(s)
          .append("\r\n");
    }
    return text(sb.toString());
  }
}
