package io.hsystem.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.sensor.config.SensorConfig;
import io.hsystem.sensors.internal.LocalSensor;
import io.hsystem.support.IntegrationTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Single-server mode: the server runs the decoys itself as the sensor {@code local}; an attacker's
 * FTP login becomes a searchable event of that sensor and its honeypot asset, the sensor is listed
 * with its services, and a service list set through the API switches decoys off.
 */
class LocalSensorTest extends IntegrationTest {

  @DynamicPropertySource
  static void localDecoys(DynamicPropertyRegistry registry) throws Exception {
    Path config = Files.createTempFile("hsystem-local-decoys", ".json");
    SensorConfig.defaults()
        .withBindAddress("127.0.0.1")
        .withEachService(s -> s.withPort(0))
        .write(config);
    registry.add("hsystem.sensors.local.enabled", () -> "true");
    registry.add("hsystem.sensors.local.config", config::toString);
    registry.add("hsystem.sensors.local.bind-address", () -> "127.0.0.1");
  }

  @Autowired LocalSensor local;
  String admin;

  @BeforeEach
  void attach() throws Exception {
    clock.set(java.time.Instant.now()); // decoy events carry the real time
    local.reattach(); // the tables were emptied for this test
    admin = token("admin");
  }

  @Test
  void decoysInsideTheServerFeedThePipelineAndFollowTheServiceList() throws Exception {
    int ftp = local.boundPorts().get("ftp");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", ftp), 2000);
      socket.setSoTimeout(5000);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      assertThat(in.readLine()).startsWith("220");
      out.write("USER mallory\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("331");
      out.write("PASS hunter2-local\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("530");
    }
    assertThat(local.awaitIdle(10_000)).isTrue();
    JsonNode found = hunt("service:ftp AND event_type:login_attempt AND username:mallory", 1);
    assertThat(found.path("total").asLong()).as(found.toString()).isEqualTo(1);
    JsonNode event = found.path("items").get(0);
    assertThat(event.path("password").asString()).isEqualTo("hunter2-local");
    assertThat(event.path("sensor_id").asString()).isEqualTo(local.sensorId().toString());
    assertThat(event.path("asset_id").isNumber()).isTrue();

    local.beat();
    JsonNode sensors =
        json.readTree(
            mvc.perform(getAs(admin, "/api/v1/sensors"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    JsonNode listed = sensors.path("items").get(0);
    assertThat(listed.path("name").asString()).isEqualTo("local");
    assertThat(listed.path("status").asString()).isEqualTo("online");
    assertThat(listed.path("services").toString()).contains("\"ftp\"");

    int sshPort;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      sshPort = free.getLocalPort();
    }
    var updated =
        mvc.perform(
                authed(put("/api/v1/sensors/" + local.sensorId() + "/config"), admin)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"services\": [{\"name\": \"ssh\", \"enabled\": true, \"port\": "
                            + sshPort
                            + "}]}"))
            .andReturn()
            .getResponse();
    assertThat(updated.getStatus()).as(updated.getContentAsString()).isEqualTo(200);
    local.beat();
    assertThat(local.boundPorts()).containsExactly(Map.entry("ssh", sshPort));
    assertThatThrownBy(
            () -> {
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", ftp), 1000);
              }
            })
        .isInstanceOf(java.io.IOException.class);
  }

  private JsonNode hunt(String query, long expected) throws Exception {
    JsonNode result = null;
    for (int i = 0; i < 100; i++) {
      eventStore.refresh();
      result =
          json.readTree(
              mvc.perform(
                      postJson(
                          admin,
                          "/api/v1/hunting/query",
                          json.writeValueAsString(
                              Map.of(
                                  "query",
                                  query,
                                  "from",
                                  "2000-01-01 00:00:00",
                                  "to",
                                  "2100-01-01 00:00:00",
                                  "size",
                                  10))))
                  .andReturn()
                  .getResponse()
                  .getContentAsString());
      if (result.path("total").asLong() == expected) {
        return result;
      }
      Thread.sleep(100);
    }
    return result;
  }
}
