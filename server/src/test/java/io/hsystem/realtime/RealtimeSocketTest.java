package io.hsystem.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.protocol.Event;
import io.hsystem.protocol.EventField;
import io.hsystem.support.IntegrationTest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RealtimeSocketTest extends IntegrationTest {

  @LocalServerPort int port;

  private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private WebSocketSession socket;
  private final java.util.concurrent.CompletableFuture<org.springframework.web.socket.CloseStatus>
      closed = new java.util.concurrent.CompletableFuture<>();

  @BeforeEach
  void connect() throws Exception {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      events.add(
          new Event()
              .set(EventField.EVENT_ID, "ev" + i)
              .set(EventField.EVENT_TIME, Instant.parse("2025-08-27T00:00:00Z").plusSeconds(i))
              .set(EventField.EVENT_TYPE, i % 2 == 0 ? "login_attempt" : "connection")
              .set(EventField.SERVICE, "ssh"));
    }
    eventStore.append(events, 250);
    eventStore.refresh();
    socket =
        new StandardWebSocketClient()
            .execute(
                new TextWebSocketHandler() {
                  @Override
                  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
                    inbox.add(json.readTree(message.getPayload()));
                  }

                  @Override
                  public void afterConnectionClosed(
                      WebSocketSession session, org.springframework.web.socket.CloseStatus status) {
                    closed.complete(status);
                  }
                },
                null,
                URI.create("ws://127.0.0.1:" + port + "/api/v1/ws"))
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void disconnect() throws Exception {
    socket.close();
  }

  private void send(String message) throws Exception {
    socket.sendMessage(new TextMessage(message));
  }

  private JsonNode next() throws InterruptedException {
    JsonNode message = inbox.poll(10, TimeUnit.SECONDS);
    assertThat(message).as("a message within 10 s").isNotNull();
    return message;
  }

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.context.ApplicationEventPublisher publisher;

  @Test
  void updateProgressReachesAdministratorsOnly() throws Exception {
    send("{\"type\": \"auth\", \"token\": \"" + token("admin") + "\"}");
    assertThat(next().get("type").asString()).isEqualTo("ready");
    LinkedBlockingQueue<JsonNode> analystInbox = new LinkedBlockingQueue<>();
    WebSocketSession analyst =
        new StandardWebSocketClient()
            .execute(
                new TextWebSocketHandler() {
                  @Override
                  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
                    analystInbox.add(json.readTree(message.getPayload()));
                  }
                },
                null,
                URI.create("ws://127.0.0.1:" + port + "/api/v1/ws"))
            .get(10, TimeUnit.SECONDS);
    try {
      analyst.sendMessage(
          new TextMessage("{\"type\": \"auth\", \"token\": \"" + token("analyst") + "\"}"));
      assertThat(analystInbox.poll(10, TimeUnit.SECONDS).get("type").asString()).isEqualTo("ready");
      publisher.publishEvent(
          new io.hsystem.system.UpdateProgress(
              java.util.Map.of("status", "verifying", "progress", 30, "to_version", "v9.9.9")));
      JsonNode progress = next();
      assertThat(progress.get("type").asString()).isEqualTo("update_progress");
      assertThat(progress.get("status").asString()).isEqualTo("verifying");
      assertThat(progress.get("progress").asInt()).isEqualTo(30);
      assertThat(analystInbox.poll(1, TimeUnit.SECONDS)).as("nothing for an analyst").isNull();
    } finally {
      analyst.close();
    }
  }

  @Test
  void aHuntStreamsPageByPageAndEnds() throws Exception {
    send("{\"type\": \"auth\", \"token\": \"" + token("analyst") + "\"}");
    assertThat(next().get("type").asString()).isEqualTo("ready");
    send(
        "{\"type\": \"hunt\", \"id\": \"q1\", \"query\": \"event_type:login_attempt\", \"page_size\": 50}");
    List<String> firstIds = new ArrayList<>();
    int items = 0;
    JsonNode message;
    int pages = 0;
    while ((message = next()).get("type").asString().equals("page")) {
      pages++;
      assertThat(message.get("id").asString()).isEqualTo("q1");
      assertThat(message.get("total").asLong()).isEqualTo(125);
      items += message.get("items").size();
      if (pages == 1) {
        message.get("items").forEach(i -> firstIds.add(i.get("event_id").asString()));
      }
    }
    assertThat(pages).isEqualTo(3);
    assertThat(items).isEqualTo(125);
    assertThat(firstIds.get(0)).isEqualTo("ev248"); // newest first
    assertThat(message.get("type").asString()).isEqualTo("done");
    assertThat(message.get("returned").asInt()).isEqualTo(125);
  }

  @Test
  void aHuntCanBeCancelled() throws Exception {
    send("{\"type\": \"auth\", \"token\": \"" + token("analyst") + "\"}");
    next();
    send("{\"type\": \"hunt\", \"id\": \"q2\", \"query\": \"\", \"page_size\": 1}");
    send("{\"type\": \"cancel\", \"id\": \"q2\"}");
    JsonNode message;
    int pages = 0;
    while ((message = next()).get("type").asString().equals("page")) {
      pages++;
    }
    assertThat(message.get("type").asString()).isEqualTo("cancelled");
    assertThat(pages).isLessThan(250);
  }

  @Test
  void withoutAValidTokenOrWithABadQueryTheSocketAnswersWithErrors() throws Exception {
    send("{\"type\": \"hunt\", \"id\": \"q3\", \"query\": \"\"}");
    assertThat(next().get("code").asString()).isEqualTo("unauthenticated");
    send("{\"type\": \"auth\", \"token\": \"forged\"}");
    assertThat(next().get("code").asString()).isEqualTo("unauthenticated");
    send("{\"type\": \"auth\", \"token\": \"" + token("analyst") + "\"}");
    next();
    send("{\"type\": \"hunt\", \"id\": \"q4\", \"query\": \"dst_port:[1 1024]\"}");
    JsonNode error = next();
    assertThat(error.get("code").asString()).isEqualTo("hunting.query_syntax");
    assertThat(error.get("position").asInt()).isEqualTo(12);
    send("not json");
    assertThat(next().get("code").asString()).isEqualTo("malformed_body");
  }

  @org.springframework.beans.factory.annotation.Autowired io.hsystem.alerts.AlertService alerts;

  private static io.hsystem.alerts.Detection detection(
      String rule, io.hsystem.shared.Severity severity, String srcIp) {
    Instant t = Instant.parse("2025-08-27T05:00:00Z");
    return new io.hsystem.alerts.Detection(
        io.hsystem.alerts.DetectionSource.RULE,
        rule,
        rule,
        "H-System",
        "test",
        severity,
        rule + " from " + srcIp,
        List.of(),
        List.of(),
        null,
        null,
        srcIp,
        null,
        t,
        List.of(
            new Event()
                .set(EventField.EVENT_ID, rule + srcIp)
                .set(EventField.EVENT_TIME, t)
                .set(EventField.SRC_IP, srcIp)),
        java.util.Map.of(),
        java.util.Map.of());
  }

  @Test
  void subscribedConsolesGetNewRepeatedAndHandledAlertsOfTheirSeverities() throws Exception {
    String token = token("auditor");
    send("{\"type\": \"auth\", \"token\": \"" + token + "\"}");
    assertThat(next().get("type").asString()).isEqualTo("ready");
    send("{\"type\": \"subscribe_alerts\", \"severities\": [\"high\", \"critical\"]}");
    assertThat(next().get("type").asString()).isEqualTo("subscribed");

    alerts.raise(List.of(detection("low-rule", io.hsystem.shared.Severity.LOW, "10.0.0.1")));
    alerts.raise(List.of(detection("high-rule", io.hsystem.shared.Severity.HIGH, "10.0.0.2")));
    JsonNode pushed = next();
    assertThat(pushed.get("type").asString()).isEqualTo("alerts");
    assertThat(pushed.get("kind").asString()).isEqualTo("created");
    assertThat(pushed.get("items")).hasSize(1);
    assertThat(pushed.get("items").get(0).get("id").asLong()).isEqualTo(2);
    assertThat(pushed.get("items").get(0).get("severity").asString()).isEqualTo("high");

    alerts.raise(List.of(detection("high-rule", io.hsystem.shared.Severity.HIGH, "10.0.0.2")));
    JsonNode repeat = next();
    assertThat(repeat.get("kind").asString()).isEqualTo("repeated");
    assertThat(repeat.get("items").get(0).get("count").asLong()).isEqualTo(2);

    alerts.handle(
        2,
        new io.hsystem.alerts.AlertService.Handling(
            io.hsystem.alerts.AlertStatus.HANDLING, null, "analyst"),
        "analyst");
    JsonNode handled = next();
    assertThat(handled.get("kind").asString()).isEqualTo("handled");
    assertThat(handled.get("items").get(0).get("status").asString()).isEqualTo("handling");
  }

  @Test
  void aReconnectingConsoleGetsWhatItMissedSinceAnAlertId() throws Exception {
    for (int i = 1; i <= 5; i++) {
      alerts.raise(List.of(detection("r" + i, io.hsystem.shared.Severity.CRITICAL, "10.0.0." + i)));
    }
    send("{\"type\": \"subscribe_alerts\"}");
    assertThat(next().get("code").asString()).isEqualTo("unauthenticated");
    send("{\"type\": \"auth\", \"token\": \"" + token("analyst") + "\"}");
    assertThat(next().get("type").asString()).isEqualTo("ready");
    send("{\"type\": \"subscribe_alerts\", \"since\": \"x\"}");
    assertThat(next().get("code").asString()).isEqualTo("validation_failed");
    send("{\"type\": \"subscribe_alerts\", \"since\": 3}");
    assertThat(next().get("type").asString()).isEqualTo("subscribed");
    JsonNode missed = next();
    assertThat(missed.get("kind").asString()).isEqualTo("missed");
    assertThat(missed.get("items")).extracting(n -> n.get("id").asLong()).containsExactly(4L, 5L);
  }

  @Test
  void aSocketThatFailsToAuthenticateIsRefused() throws Exception {
    for (int i = 0; i < 3; i++) {
      send("{\"type\": \"auth\", \"token\": \"forged-" + i + "\"}");
      assertThat(next().get("code").asString()).isEqualTo("unauthenticated");
    }
    assertThat(closed.get(10, TimeUnit.SECONDS).getCode()).isEqualTo(1008);
  }

  @Test
  void anIngestedEventsAlertReachesASubscribedConsoleWithinASecond() throws Exception {
    send("{\"type\": \"auth\", \"token\": \"" + token("analyst") + "\"}");
    assertThat(next().get("type").asString()).isEqualTo("ready");
    send("{\"type\": \"subscribe_alerts\", \"severities\": [\"high\"]}");
    assertThat(next().get("type").asString()).isEqualTo("subscribed");
    String key =
        json.readTree(
                mvc.perform(
                        postJson(
                            token("admin"),
                            "/api/v1/ingest/keys",
                            "{\"name\": \"sensor\", \"source_type\": \"hsystem_sensor\"}"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString())
            .get("api_key")
            .asString();
    long started = System.nanoTime();
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                    "/api/v1/ingest/events")
                .header("X-API-Key", key)
                .contentType("application/json")
                .content(
                    "[{\"event_time\": \"2025-08-27T05:59:00Z\", \"event_type\": \"login_success\","
                        + " \"event_category\": \"honeypot\", \"service\": \"ssh\", \"src_ip\":"
                        + " \"198.51.100.77\", \"username\": \"root\", \"password\": \"123456\","
                        + " \"sensor_id\": \"hp-01\"}]"))
        .andExpect(
            org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
    long acknowledged = System.nanoTime();
    JsonNode pushed = next();
    long arrived = System.nanoTime();
    assertThat(pushed.get("type").asString()).isEqualTo("alerts");
    assertThat(pushed.at("/items/0/alert_type").asString()).isEqualTo("honeypot_login_success");
    assertThat(pushed.at("/items/0/src_ip").asString()).isEqualTo("198.51.100.77");
    long millis = (arrived - acknowledged) / 1_000_000;
    System.out.printf(
        "ingest acknowledged in %d ms; alert pushed %d ms after the acknowledgement%n",
        (acknowledged - started) / 1_000_000, millis);
    assertThat(millis).isLessThan(1000);
  }
}
