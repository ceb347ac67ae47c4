package io.hsystem.sensor.service;

import io.hsystem.sensor.config.Limits;
import io.hsystem.sensor.config.ServiceConfig;
import io.hsystem.sensor.core.DecoySession;
import io.hsystem.sensor.core.HoneypotEvent;
import io.hsystem.sensor.core.Text;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP decoy: a login page (the {@code router} or {@code oa} template from the jar, or {@code
 * <template_dir>/<template>.html}) behind an nginx-like {@code Server} header. Every request is an
 * {@code http_request} event (method, URL, bounded headers and body, user agent); a form or JSON
 * body with a password field is also a {@code login_attempt}, answered with the login page and a
 * failure text, so brute-force tools see a failure. Attacker input is never reflected in a page.
 */
final class HttpDecoy extends NettyService {

  /** The failure text shown after every login attempt (hydra: {@code F=Invalid username}). */
  static final String FAILURE = "用户名或密码错误 / Invalid username or password";

  static final int MAX_BODY = 16 * 1024;
  static final int MAX_HEADERS = 64;
  static final int MAX_HEADER_VALUE = 1024;
  static final int MAX_BODY_RECORDED = 4096;

  private static final List<String> USER_FIELDS =
      List.of("username", "user", "login", "email", "name", "user_name", "account", "uname", "usr");
  private static final List<String> PASSWORD_FIELDS =
      List.of("password", "pass", "pwd", "passwd", "passwort", "pswd", "secret");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

  private final String page;
  private final String failedPage;
  private final String serverHeader;

  HttpDecoy(ServiceRuntime runtime, ServiceConfig config) {
    super(runtime, config);
    String template = loadTemplate(config);
    this.page = template.replace("{{error}}", "");
    this.failedPage = template.replace("{{error}}", "<div class=\"err\">" + FAILURE + "</div>");
    this.serverHeader = config.option("server_header", "nginx/1.18.0");
  }

  static String loadTemplate(ServiceConfig config) {
    String name = config.option("template", "router");
    String dir = config.options().get("template_dir");
    try {
      if (dir != null) {
        Path file = Path.of(dir).resolve(name + ".html");
        if (Files.size(file) > 512 * 1024) {
          throw new IOException(file + " is larger than 512 KiB");
        }
        return Files.readString(file);
      }
      try (InputStream in =
          HttpDecoy.class.getResourceAsStream("/io/hsystem/sensor/http/" + name + ".html")) {
        if (in == null) {
          throw new IOException("no built-in http template '" + name + "'");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("http: cannot load template '" + name + "'", e);
    }
  }

  @Override
  void init(SocketChannel channel, DecoySession session, Limits limits) {
    channel.pipeline().addLast("http", new HttpServerCodec(4096, 8192, 8192));
    channel.pipeline().addLast("aggregate", new HttpObjectAggregator(MAX_BODY));
    channel.pipeline().addLast("decoy", new Handler(session, limits));
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final DecoySession session;
    private final Limits limits;

    Handler(DecoySession session, Limits limits) {
      this.session = session;
      this.limits = limits;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      if (request.decoderResult().isFailure()) {
        session.emit(
            session
                .event("http_request")
                .put(
                    "message",
                    "malformed HTTP request: " + request.decoderResult().cause().getMessage()));
        respond(ctx, request, HttpResponseStatus.BAD_REQUEST, errorPage("400 Bad Request"), false);
        return;
      }
      String uri = Text.cut(request.uri(), 4096);
      String method = Text.cut(request.method().name(), 32);
      String userAgent = request.headers().get(HttpHeaderNames.USER_AGENT);
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, String> h : request.headers()) {
        if (headers.size() >= MAX_HEADERS) {
          break;
        }
        headers.merge(
            Text.cut(h.getKey(), 128).toLowerCase(Locale.ROOT),
            Text.cut(h.getValue(), MAX_HEADER_VALUE),
            (a, b) -> Text.cut(a + ", " + b, MAX_HEADER_VALUE));
      }
      ByteBuf content = request.content();
      String body =
          content.isReadable()
              ? content.toString(
                  content.readerIndex(),
                  Math.min(content.readableBytes(), MAX_BODY_RECORDED),
                  StandardCharsets.UTF_8)
              : null;
      HoneypotEvent event =
          session
              .event("http_request")
              .put("http_method", method)
              .put("url", uri)
              .put("user_agent", userAgent == null ? null : Text.cut(userAgent, 1024))
              .put("message", method + " " + Text.cut(uri, 256))
              .put("http_headers", headers)
              .put("http_body", body);
      session.emit(event);

      Map<String, String> form = form(request, uri);
      String password = pick(form, PASSWORD_FIELDS, true);
      if (password != null) {
        String username = pick(form, USER_FIELDS, false);
        int attempt = session.countAuthAttempt();
        session.emit(
            session
                .event("login_attempt")
                .put("username", username)
                .put("password", password)
                .put("http_method", method)
                .put("url", uri)
                .put("user_agent", userAgent == null ? null : Text.cut(userAgent, 1024)));
        boolean close = attempt >= limits.maxAuthAttempts() * 10;
        respond(ctx, request, HttpResponseStatus.OK, failedPage, close);
        return;
      }
      String path = new QueryStringDecoder(uri).path();
      if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
        if (isLoginPath(path)) {
          respond(ctx, request, HttpResponseStatus.OK, page, false);
        } else {
          respond(ctx, request, HttpResponseStatus.NOT_FOUND, errorPage("404 Not Found"), false);
        }
      } else if (request.method().equals(HttpMethod.POST)) {
        respond(ctx, request, HttpResponseStatus.OK, isLoginPath(path) ? failedPage : page, false);
      } else {
        respond(
            ctx,
            request,
            HttpResponseStatus.METHOD_NOT_ALLOWED,
            errorPage("405 Not Allowed"),
            false);
      }
    }

    private void respond(
        ChannelHandlerContext ctx,
        FullHttpRequest request,
        HttpResponseStatus status,
        String html,
        boolean forceClose) {
      byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
      boolean head = request.method().equals(HttpMethod.HEAD);
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              status,
              head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
      response.headers().set("Server", serverHeader);
      response.headers().set("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
      response.headers().set("Content-Type", "text/html; charset=utf-8");
      response.headers().setInt("Content-Length", bytes.length);
      boolean keepAlive =
          !forceClose && !request.decoderResult().isFailure() && HttpUtil.isKeepAlive(request);
      response
          .headers()
          .set(
              // nginx's capitalisation: nmap's "Server: nginx" match compares it exactly
              "Connection", keepAlive ? "keep-alive" : "close");
      ChannelFuture f = ctx.writeAndFlush(response);
      if (!keepAlive) {
        f.addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  private boolean isLoginPath(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.equals("/")
        || p.startsWith("/index")
        || p.contains("login")
        || p.startsWith("/seeyon")
        || p.startsWith("/cgi-bin/luci");
  }

  private String errorPage(String title) {
    String product = serverHeader.startsWith("nginx") ? serverHeader : "nginx";
    return "<html>\r\n<head><title>"
        + title
        + "</title></head>\r\n<body>\r\n<center><h1>"
        + title
        + "</h1></center>\r\n<hr><center>"
        + product
        + "</center>\r\n</body>\r\n</html>\r\n";
  }

  /** Form fields from the query string and the body (urlencoded or JSON), bounded. */
  static Map<String, String> form(FullHttpRequest request, String uri) {
    Map<String, String> fields = new LinkedHashMap<>();
    addQuery(fields, new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, 64).parameters());
    ByteBuf content = request.content();
    if (!content.isReadable()) {
      return fields;
    }
    String type =
        String.valueOf(request.headers().get(HttpHeaderNames.CONTENT_TYPE))
            .toLowerCase(Locale.ROOT);
    String body = content.toString(StandardCharsets.UTF_8);
    if (type.contains("json") || body.stripLeading().startsWith("{")) {
      try {
        JsonNode node = JSON.readTree(body);
        if (node != null && node.isObject()) {
          for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (fields.size() >= 64) {
              break;
            }
            if (e.getValue().isValueNode()) {
              fields.putIfAbsent(
                  Text.cut(e.getKey(), 128), Text.cut(e.getValue().asString(), 1024));
            }
          }
        }
      } catch (RuntimeException notJson) {
        // recorded as http_body anyway
      }
    } else if (!type.contains("multipart")) {
      addQuery(
          fields, new QueryStringDecoder(body, StandardCharsets.UTF_8, false, 64).parameters());
    }
    return fields;
  }

  private static void addQuery(Map<String, String> fields, Map<String, List<String>> params) {
    params.forEach(
        (k, v) -> {
          if (fields.size() < 64 && !v.isEmpty()) {
            fields.putIfAbsent(Text.cut(k, 128), Text.cut(v.get(0), 1024));
          }
        });
  }

  /** The value of the first field named like one of {@code names} (exact, then by substring). */
  static String pick(Map<String, String> form, List<String> names, boolean password) {
    for (String name : names) {
      for (Map.Entry<String, String> e : form.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
    }
    for (Map.Entry<String, String> e : form.entrySet()) {
      String k = e.getKey().toLowerCase(Locale.ROOT);
      boolean isPassword = k.contains("pass") || k.contains("pwd");
      if (password && isPassword) {
        return e.getValue();
      }
      if (!password
          && !isPassword
          && (k.contains("user")
              || k.contains("login")
              || k.contains("mail")
              || k.contains("account"))) {
        return e.getValue();
      }
    }
    return null;
  }
}
