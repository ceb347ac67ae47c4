package io.hsystem.realtime;

import io.hsystem.auth.AuthService;
import io.hsystem.eventstore.SearchResult;
import io.hsystem.eventstore.TimeRange;
import io.hsystem.hunting.EventJson;
import io.hsystem.hunting.Hunt;
import io.hsystem.hunting.HuntingService;
import io.hsystem.shared.ApiException;
import io.hsystem.shared.Timestamps;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.Permissions;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's socket. Messages in: {@code auth} (an access token), {@code hunt} (a query to
 * stream), {@code cancel}, {@code subscribe_alerts} (optional {@code severities} and {@code since}
 * alert id), {@code unsubscribe_alerts}. Messages out: {@code ready}, {@code page}, {@code done},
 * {@code cancelled}, {@code subscribed}, {@code alerts}, {@code error} (with the problem {@code
 * code}). Every hunt re-checks the token, so a logout or an expiry stops the socket's hunts too.
 */
@Component
class RealtimeSocket extends TextWebSocketHandler {

  private static final Logger log = LoggerFactory.getLogger(RealtimeSocket.class);
  private final Set<WebSocketSession> open = ConcurrentHashMap.newKeySet();
  static final int MAX_HUNTS_PER_SOCKET = 2;
  static final int MAX_PAGE = 500;
  static final int MAX_RESULTS = 10_000;
  private static final String TOKEN = "token";
  private static final String SENDER = "sender";
  private static final String HUNTS = "hunts";

  private final AuthService auth;
  private final HuntingService hunting;
  private final JsonMapper json;
  private final AlertPush alertPush;
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "realtime-hunt");
            t.setDaemon(true);
            return t;
          });

  RealtimeSocket(AuthService auth, HuntingService hunting, JsonMapper json, AlertPush alertPush) {
    this.auth = auth;
    this.hunting = hunting;
    this.json = json;
    this.alertPush = alertPush;
  }

  /** Sockets must authenticate this soon, within this many tries, or are closed. */
  static final long AUTH_TIMEOUT_MILLIS = 10_000;

  static final int MAX_AUTH_FAILURES = 3;
  private static final String AUTH_FAILURES = "auth_failures";
  private final java.util.concurrent.ScheduledExecutorService authTimer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "realtime-auth-timeout");
            t.setDaemon(true);
            return t;
          });

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    authTimer.schedule(
        () -> {
          if (session.isOpen() && !session.getAttributes().containsKey(TOKEN)) {
            refuse(session, "no authentication within " + AUTH_TIMEOUT_MILLIS / 1000 + " s");
          }
        },
        AUTH_TIMEOUT_MILLIS,
        java.util.concurrent.TimeUnit.MILLISECONDS);
    session
        .getAttributes()
        .put(SENDER, new ConcurrentWebSocketSessionDecorator(session, 10_000, 1 << 20));
    session.getAttributes().put(HUNTS, new ConcurrentHashMap<String, AtomicBoolean>());
    open.add(session);
  }

  /** An update moved on: administrators' consoles see its progress live. */
  @org.springframework.context.event.EventListener
  void updateProgressed(io.hsystem.system.UpdateProgress progress) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "update_progress");
    message.putAll(progress.state());
    for (WebSocketSession session : open) {
      try {
        if (session.getAttributes().containsKey(TOKEN)
            && user(session).permissions().contains(Permissions.SYSTEM_ADMIN)) {
          send(session, message);
        }
      } catch (ApiException e) {
        // an expired or revoked token: no progress for that socket
      }
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    JsonNode in;
    try {
      in = json.readTree(message.getPayload());
    } catch (JacksonException e) {
      send(session, error(null, "malformed_body", "messages are JSON objects"));
      return;
    }
    String type = in.path("type").asString("");
    String id = in.path("id").asString(null);
    try {
      switch (type) {
        case "auth" -> {
          CurrentUser user;
          try {
            user = auth.authenticateToken(in.path(TOKEN).asString(null));
          } catch (ApiException e) {
            int failures =
                (Integer)
                    session.getAttributes().merge(AUTH_FAILURES, 1, (a, b) -> (Integer) a + 1);
            if (failures >= MAX_AUTH_FAILURES && !session.getAttributes().containsKey(TOKEN)) {
              send(session, error(id, e.type().code(), e.getMessage()));
              refuse(session, MAX_AUTH_FAILURES + " failed authentications");
              return;
            }
            throw e;
          }
          session.getAttributes().put(TOKEN, in.path(TOKEN).asString());
          send(session, Map.of("type", "ready", "username", user.username()));
        }
        case "hunt" -> hunt(session, id, in);
        case "subscribe_alerts" -> subscribeAlerts(session, in);
        case "unsubscribe_alerts" -> {
          alertPush.unsubscribe(session);
          send(session, Map.of("type", "unsubscribed"));
        }
        case "cancel" -> {
          AtomicBoolean cancel = hunts(session).get(id == null ? "" : id);
          if (cancel != null) {
            cancel.set(true);
          }
        }
        default ->
            send(
                session,
                error(
                    id,
                    "validation_failed",
                    "type: must be one of [auth, hunt, cancel, subscribe_alerts,"
                        + " unsubscribe_alerts]"));
      }
    } catch (ApiException e) {
      Map<String, Object> body = error(id, e.type().code(), e.getMessage());
      body.putAll(e.properties());
      send(session, body);
    }
  }

  private void subscribeAlerts(WebSocketSession session, JsonNode in) {
    CurrentUser user = user(session);
    if (user.mustChangePassword()) {
      throw new ApiException(
          io.hsystem.shared.CommonProblem.PASSWORD_CHANGE_REQUIRED, "change your password first");
    }
    if (!user.permissions().contains(Permissions.ALERTS_READ)) {
      throw new ApiException(
          io.hsystem.shared.CommonProblem.FORBIDDEN, "your role does not allow reading alerts");
    }
    java.util.Set<io.hsystem.shared.Severity> severities = new java.util.HashSet<>();
    JsonNode wanted = in.path("severities");
    if (!wanted.isMissingNode() && !wanted.isArray()) {
      throw ApiException.badField("severities", "must be a list such as [\"high\", \"critical\"]");
    }
    for (JsonNode severity : wanted) {
      severities.add(io.hsystem.shared.Severity.parse("severities", severity.asString("")));
    }
    JsonNode since = in.path("since");
    if (!since.isMissingNode() && !since.isNull() && !since.canConvertToLong()) {
      throw ApiException.badField("since", "must be an alert id");
    }
    send(session, Map.of("type", "subscribed"));
    alertPush.subscribe(
        new AlertPush.Subscription(session, Set.copyOf(severities), this::pushToUser),
        since.isMissingNode() || since.isNull() ? null : since.asLong());
  }

  /** Pushes only while the socket's token is still valid; a revoked or expired one unsubscribes. */
  private void pushToUser(WebSocketSession session, Map<String, Object> message) {
    try {
      user(session);
    } catch (ApiException e) {
      alertPush.unsubscribe(session);
      send(session, error(null, e.type().code(), "alert push stopped: " + e.getMessage()));
      return;
    }
    send(session, message);
  }

  private void hunt(WebSocketSession session, String id, JsonNode in) {
    if (id == null || id.isBlank() || id.length() > 64) {
      throw ApiException.badField("id", "is required, at most 64 characters");
    }
    CurrentUser user = user(session);
    if (user.mustChangePassword()) {
      throw new ApiException(
          io.hsystem.shared.CommonProblem.PASSWORD_CHANGE_REQUIRED, "change your password first");
    }
    if (!user.permissions().contains(Permissions.HUNTING_READ)) {
      throw new ApiException(
          io.hsystem.shared.CommonProblem.FORBIDDEN, "your role does not allow hunting");
    }
    int pageSize = in.path("page_size").asInt(100);
    int limit = in.path("limit").asInt(MAX_RESULTS);
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw ApiException.badField("page_size", "must be between 1 and " + MAX_PAGE);
    }
    if (limit < 1 || limit > MAX_RESULTS) {
      throw ApiException.badField("limit", "must be between 1 and " + MAX_RESULTS);
    }
    String query = in.path("query").asString("");
    HuntingService.parse(query); // a syntax error answers at once, before any work is queued
    TimeRange range =
        new TimeRange(
            Timestamps.parse("from", in.path("from").asString(null)),
            Timestamps.parse("to", in.path("to").asString(null)));
    boolean oldestFirst = "asc".equals(in.path("sort").asString("desc"));
    Map<String, AtomicBoolean> hunts = hunts(session);
    if (hunts.size() >= MAX_HUNTS_PER_SOCKET) {
      throw new ApiException(
          io.hsystem.shared.CommonProblem.CONFLICT,
          "at most " + MAX_HUNTS_PER_SOCKET + " hunts run at once per connection");
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    if (hunts.putIfAbsent(id, cancelled) != null) {
      throw new ApiException(
          io.hsystem.shared.CommonProblem.CONFLICT, "a hunt with id " + id + " is running");
    }
    try {
      workers.execute(
          () -> stream(session, id, query, range, oldestFirst, pageSize, limit, cancelled));
    } catch (RejectedExecutionException e) {
      hunts.remove(id);
      throw new ApiException(
          io.hsystem.shared.CommonProblem.CONFLICT, "the server is shutting down");
    }
  }

  private void stream(
      WebSocketSession session,
      String id,
      String query,
      TimeRange range,
      boolean oldestFirst,
      int pageSize,
      int limit,
      AtomicBoolean cancelled) {
    int returned = 0;
    long total = 0;
    try {
      for (int page = 1; returned < limit; page++) {
        if (cancelled.get() || !session.isOpen()) {
          send(session, Map.of("type", "cancelled", "id", id, "returned", returned));
          return;
        }
        int size = Math.min(pageSize, limit - returned);
        // pages are cut at multiples of the page size; the last one may be shorter
        SearchResult result = hunting.search(new Hunt(query, range, page, pageSize, oldestFirst));
        total = result.total();
        var items = result.events().stream().limit(size).map(EventJson::of).toList();
        returned += items.size();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "page");
        message.put("id", id);
        message.put("page", page);
        message.put("total", total);
        message.put("items", items);
        send(session, message);
        if (items.size() < pageSize || (long) page * pageSize >= total) {
          break;
        }
      }
      send(session, Map.of("type", "done", "id", id, "returned", returned, "total", total));
    } catch (ApiException e) {
      send(session, error(id, e.type().code(), e.getMessage()));
    } catch (RuntimeException e) {
      log.error("streamed hunt {} failed", id, e);
      send(session, error(id, "internal_error", "the hunt failed; see the server log"));
    } finally {
      hunts(session).remove(id);
    }
  }

  private CurrentUser user(WebSocketSession session) {
    Object token = session.getAttributes().get(TOKEN);
    if (token == null) {
      throw new ApiException(
          io.hsystem.shared.CommonProblem.UNAUTHENTICATED,
          "send {\"type\": \"auth\", \"token\": ...} first");
    }
    return auth.authenticateToken(token.toString());
  }

  /** Closes a socket that did not authenticate (policy violation, 1008). */
  private void refuse(WebSocketSession session, String why) {
    try {
      session.close(CloseStatus.POLICY_VIOLATION.withReason(why));
    } catch (IOException e) {
      log.debug("closing a refused socket failed: {}", e.toString());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, AtomicBoolean> hunts(WebSocketSession session) {
    return (Map<String, AtomicBoolean>) session.getAttributes().get(HUNTS);
  }

  private static Map<String, Object> error(String id, String code, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "error");
    if (id != null) {
      body.put("id", id);
    }
    body.put("code", code);
    body.put("detail", detail);
    return body;
  }

  private void send(WebSocketSession session, Map<String, Object> message) {
    WebSocketSession sender =
        (WebSocketSession) session.getAttributes().getOrDefault(SENDER, session);
    try {
      if (sender.isOpen()) {
        sender.sendMessage(new TextMessage(json.writeValueAsString(message)));
      }
    } catch (IOException | IllegalStateException e) {
      log.debug("socket send failed: {}", e.toString());
    }
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    open.remove(session);
    alertPush.unsubscribe(session);
    Map<String, AtomicBoolean> hunts = hunts(session);
    if (hunts != null) {
      hunts.values().forEach(c -> c.set(true));
    }
  }
}
