package io.hsystem.notifications.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhooks and chat robots over HTTP(S): a generic JSON document, or the DingTalk, WeCom and Feishu
 * text message formats with their signatures. Redirects are not followed (a redirect could lead
 * past the target check); the target's addresses are checked just before each request.
 */
public final class HttpSender implements Sender {

  private static final int MAX_ANSWER = 16 * 1024;
  private static final int MAX_DETAIL = 200;

  /** Robot error codes that mean "too many messages": worth a retry. */
  private static final Set<Long> ROBOT_RATE_LIMITED = Set.of(130101L, 45009L, 9499L, 11232L);

  private final HttpClient client;
  private final Duration timeout;
  private final Messages messages;
  private final JsonMapper json;
  private final Clock clock;
  private final String userAgent;

  public HttpSender(
      Duration timeout, Messages messages, JsonMapper json, Clock clock, String version) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.timeout = timeout;
    this.messages = messages;
    this.json = json;
    this.clock = clock;
    this.userAgent = "H-System/" + version;
  }

  @Override
  public void send(ChannelConfig channel, Notice notice) throws DeliveryException {
    if (channel.destination() instanceof Destination.Webhook webhook) {
      post(webhook.url(), webhook.headers(), messages.payload(notice, true));
      return;
    }
    Destination.Robot robot = (Destination.Robot) channel.destination();
    String text = messages.text(notice, Messages.ROBOT_TEXT_BYTES);
    switch (channel.type()) {
      case DINGTALK -> dingTalk(robot, text);
      case WECOM -> weCom(robot, text);
      case FEISHU -> feishu(robot, text);
      default -> throw new IllegalArgumentException("not a robot: " + channel.type());
    }
  }

  /**
   * DingTalk: with a signing secret, {@code timestamp} (ms) and {@code sign} = URL-encoded
   * Base64(HMAC-SHA256(key = secret, data = timestamp + "\n" + secret)) join the query.
   */
  private void dingTalk(Destination.Robot robot, String text) throws DeliveryException {
    URI url = robot.url();
    if (robot.signingSecret() != null) {
      long timestamp = clock.millis();
      String sign = hmacBase64(robot.signingSecret(), timestamp + "\n" + robot.signingSecret());
      String query =
          "timestamp=" + timestamp + "&sign=" + URLEncoder.encode(sign, StandardCharsets.UTF_8);
      String base = url.toString();
      url = URI.create(base + (url.getRawQuery() == null ? "?" : "&") + query);
    }
    ObjectNode body = json.createObjectNode();
    body.put("msgtype", "text");
    body.putObject("text").put("content", text);
    robotAnswer("DingTalk", robot.url(), post(url, Map.of(), body), "errcode", "errmsg");
  }

  private void weCom(Destination.Robot robot, String text) throws DeliveryException {
    ObjectNode body = json.createObjectNode();
    body.put("msgtype", "text");
    body.putObject("text").put("content", text);
    robotAnswer("WeCom", robot.url(), post(robot.url(), Map.of(), body), "errcode", "errmsg");
  }

  /**
   * Feishu: with a signing secret, the body carries {@code timestamp} (s) and {@code sign} =
   * Base64(HMAC-SHA256(key = timestamp + "\n" + secret, data = empty)).
   */
  private void feishu(Destination.Robot robot, String text) throws DeliveryException {
    ObjectNode body = json.createObjectNode();
    if (robot.signingSecret() != null) {
      long timestamp = clock.instant().getEpochSecond();
      body.put("timestamp", Long.toString(timestamp));
      body.put("sign", hmacBase64(timestamp + "\n" + robot.signingSecret(), ""));
    }
    body.put("msg_type", "text");
    body.putObject("content").put("text", text);
    robotAnswer("Feishu", robot.url(), post(robot.url(), Map.of(), body), "code", "msg");
  }

  /** Robots answer HTTP 200 with an error code in the body; 0 is success. */
  private void robotAnswer(String robot, URI url, String answer, String codeField, String msgField)
      throws DeliveryException {
    String origin = ChannelSettings.origin(url);
    JsonNode node;
    try {
      node = json.readTree(answer);
    } catch (JacksonException e) {
      throw DeliveryException.permanent(
          robot + " at " + origin + " did not answer with its JSON; is the URL right?");
    }
    JsonNode code = node.has(codeField) ? node.get(codeField) : node.path("StatusCode");
    if (!code.isNumber()) {
      throw DeliveryException.permanent(
          robot + " at " + origin + " did not answer with its JSON; is the URL right?");
    }
    if (code.asLong() != 0) {
      String message =
          node.has(msgField)
              ? node.get(msgField).asString()
              : node.path("StatusMessage").asString();
      String detail =
          robot + " refused the message: " + code.asLong() + " " + Messages.plain(message);
      throw ROBOT_RATE_LIMITED.contains(code.asLong())
          ? DeliveryException.retryable(detail)
          : DeliveryException.permanent(detail);
    }
  }

  /** POSTs the JSON document and returns the (bounded) answer of a 2xx. */
  private String post(URI url, Map<String, String> headers, ObjectNode body)
      throws DeliveryException {
    String origin = ChannelSettings.origin(url);
    String host = url.getHost();
    OutboundTargets.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", userAgent)
            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    try {
      headers.forEach(request::header);
    } catch (IllegalArgumentException e) {
      throw DeliveryException.permanent("a configured header is not allowed: " + e.getMessage());
    }
    CompletableFuture<HttpResponse<String>> exchange =
        client.sendAsync(request.build(), info -> new LimitedBody(MAX_ANSWER));
    HttpResponse<String> response;
    try {
      // connecting and answering each have the timeout: the whole exchange gets both
      response = exchange.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw DeliveryException.retryable(origin + " did not answer in time");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw DeliveryException.retryable("interrupted while sending to " + origin);
    } catch (ExecutionException e) {
      throw failure(origin, url, e.getCause());
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    String detail =
        origin
            + " answered HTTP "
            + status
            + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      throw DeliveryException.retryable(detail);
    }
    throw DeliveryException.permanent(detail);
  }

  private static DeliveryException failure(String origin, URI url, Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return DeliveryException.retryable("connecting to " + origin + " timed out");
    }
    if (cause instanceof HttpTimeoutException) {
      return DeliveryException.retryable(origin + " did not answer in time");
    }
    if (cause instanceof ConnectException) {
      return DeliveryException.retryable("cannot connect to " + origin + ": connection refused");
    }
    String message = scrub(cause.getMessage(), url);
    if (cause instanceof SSLException) {
      return DeliveryException.permanent("TLS with " + origin + " failed: " + message);
    }
    if (cause instanceof IOException) {
      return DeliveryException.retryable("sending to " + origin + " failed: " + message);
    }
    return DeliveryException.permanent("sending to " + origin + " failed: " + message);
  }

  /** An exception's message without the URL's path and query, where tokens live. */
  private static String scrub(String message, URI url) {
    if (message == null) {
      return "no detail";
    }
    String scrubbed = message.replace(url.toString(), ChannelSettings.origin(url));
    if (url.getRawPath() != null && url.getRawPath().length() > 1) {
      scrubbed = scrubbed.replace(url.getRawPath(), "/…");
    }
    if (url.getRawQuery() != null) {
      scrubbed = scrubbed.replace(url.getRawQuery(), "…");
    }
    String plain = Messages.plain(scrubbed);
    return plain.length() > MAX_DETAIL ? plain.substring(0, MAX_DETAIL) : plain;
  }

  private static String hmacBase64(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing", e);
    }
  }
}
