package io.hsystem.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.hsystem.sensor.core.HoneypotEvent;
import io.hsystem.sensor.shipper.Credentials;
import io.hsystem.sensor.shipper.Enrollment;
import io.hsystem.sensor.shipper.EnrollmentException;
import io.hsystem.sensor.shipper.SensorClient;
import io.hsystem.sensor.shipper.SensorOptions;
import io.hsystem.sensors.internal.FailureLimiter;
import io.hsystem.sensors.internal.SensorCa;
import io.hsystem.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * The sensor gateway end to end on real TLS: the API and the gateway listen on random ports, the
 * sensor side is the real shipper package.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "hsystem.sensors.gateway.port=0",
      "hsystem.sensors.gateway.hostnames=localhost,127.0.0.1"
    })
class SensorGatewayTest extends IntegrationTest {

  private static final String EVENT_TIME = "2025-08-27 05:59:00";

  @Autowired GatewayListener gateway;
  @Autowired SensorCa ca;
  @Autowired FailureLimiter failures;
  @TempDir Path temp;

  private String admin;

  @BeforeEach
  void setUp() throws Exception {
    failures.clear();
    admin = token("admin");
  }

  private URI gatewayUri() {
    return URI.create("https://localhost:" + gateway.port());
  }

  private JsonNode createToken(Integer minutes) throws Exception {
    String body = minutes == null ? "{}" : "{\"expires_in_minutes\": " + minutes + "}";
    String response =
        mvc.perform(postJson(admin, "/api/v1/sensors/enrollment-tokens", body))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(response);
  }

  private Credentials enroll(String token, String name) throws IOException {
    return Enrollment.enroll(
        gatewayUri(),
        token,
        temp.resolve(name),
        name,
        name + ".example",
        "1.2.3",
        Duration.ofSeconds(10));
  }

  private Credentials enrollNew(String name) throws Exception {
    return enroll(createToken(null).get("token").asString(), name);
  }

  /** A raw HTTPS client presenting the sensor's certificate and trusting the sensor CA. */
  private static HttpClient mtls(Credentials c) throws Exception {
    return client(c.key(), new X509Certificate[] {c.certificate(), c.caCertificate()}, "TLSv1.3");
  }

  private static HttpClient client(PrivateKey key, X509Certificate[] chain, String protocol)
      throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    KeyManagerFactory kmf = null;
    if (key != null) {
      keys.setKeyEntry("k", key, "p".toCharArray(), chain);
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "p".toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", chain[chain.length - 1]);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(new String[] {protocol});
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(context)
        .sslParameters(parameters)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private HttpResponse<String> gatewayPost(
      HttpClient client, String path, byte[] body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(gatewayUri().resolve("/api/v1/sensor-gateway" + path))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> heartbeat(HttpClient client, long configVersion) throws Exception {
    String body =
        json.writeValueAsString(
            Map.of(
                "version",
                "1.2.4",
                "config_version",
                configVersion,
                "services",
                List.of(Map.of("name", "ssh", "port", 2222)),
                "stats",
                Map.of("spooled", 7, "evicted", 2, "sent", 40)));
    return gatewayPost(
        client,
        "/heartbeat",
        body.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json"));
  }

  private HttpResponse<String> sendEvents(HttpClient client, long... seqs) throws Exception {
    StringBuilder ndjson = new StringBuilder();
    for (long seq : seqs) {
      ndjson
          .append("{\"sensor_seq\":")
          .append(seq)
          .append(",\"event_time\":\"")
          .append(EVENT_TIME)
          .append("\",\"event_type\":\"login_attempt\",\"service\":\"ssh\",")
          .append("\"src_ip\":\"203.0.113.9\",\"username\":\"root\",\"password\":\"p")
          .append(seq)
          .append("\",\"sensor_id\":\"forged\"}\n");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(ndjson.toString().getBytes(StandardCharsets.UTF_8));
    }
    return gatewayPost(
        client,
        "/events",
        out.toByteArray(),
        Map.of("Content-Type", "application/x-ndjson", "Content-Encoding", "gzip"));
  }

  private JsonNode hunt(String query, long expected) throws Exception {
    JsonNode result = null;
    for (int i = 0; i < 100; i++) {
      eventStore.refresh();
      String body =
          mvc.perform(
                  postJson(
                      admin,
                      "/api/v1/hunting/query",
                      json.writeValueAsString(Map.of("query", query, "size", 100))))
              .andReturn()
              .getResponse()
              .getContentAsString();
      result = json.readTree(body);
      if (result.path("total").asLong() == expected) {
        return result;
      }
      Thread.sleep(100);
    }
    return result;
  }

  private JsonNode sensor(String id) throws Exception {
    return json.readTree(
        mvc.perform(getAs(admin, "/api/v1/sensors/" + id))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  private static String code(HttpResponse<String> response) {
    int at = response.body().indexOf("\"code\":\"");
    if (at < 0) {
      return null;
    }
    int start = at + 8;
    return response.body().substring(start, response.body().indexOf('"', start));
  }

  @Test
  void tokensAreShownOnceWithACommandListedWithoutSecretAndRevocable() throws Exception {
    JsonNode created = createToken(30);
    String token = created.get("token").asString();
    assertThat(token).startsWith("hset_").endsWith("." + ca.pin());
    assertThat(created.get("command").asString())
        .isEqualTo(
            "java -jar hsystem-sensor.jar --server https://localhost:"
                + gateway.port()
                + " --token "
                + token);
    assertThat(created.get("expires_at").asString()).isEqualTo("2025-08-27 06:30:00");

    String list =
        mvc.perform(getAs(token("auditor"), "/api/v1/sensors/enrollment-tokens"))
            .andExpect(status().isOk())
            .andExpect(content().json("{\"total\": 1, \"items\": [{\"state\": \"active\"}]}"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(list).doesNotContain(token.substring(12, 40)).doesNotContain("\"token\"");

    mvc.perform(
            postJson(admin, "/api/v1/sensors/enrollment-tokens", "{\"expires_in_minutes\": 20000}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().json("{\"errors\": [{\"field\": \"expires_in_minutes\"}]}"));

    long id = created.get("id").asLong();
    mvc.perform(authed(delete("/api/v1/sensors/enrollment-tokens/" + id), admin))
        .andExpect(status().isNoContent());
    mvc.perform(getAs(admin, "/api/v1/sensors/enrollment-tokens"))
        .andExpect(content().json("{\"items\": [{\"state\": \"revoked\"}]}"));
    assertThatThrownBy(() -> enroll(token, "revoked-token"))
        .isInstanceOfSatisfying(
            EnrollmentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isEqualTo("enrollment_token_revoked");
            });
    assertThat(jdbc.queryForObject("SELECT count(*) FROM sensors", Long.class)).isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action LIKE 'sensor.enrollment_token%'",
                Long.class))
        .as("created, refused (20000 minutes), revoked")
        .isEqualTo(3);
  }

  @Test
  void enrollmentIssuesACertificateAndCreatesAHoneypotAsset() throws Exception {
    JsonNode token = createToken(null);
    Credentials credentials = enroll(token.get("token").asString(), "hp-01");

    assertThat(credentials.certificate().getSubjectX500Principal().getName())
        .contains("CN=" + credentials.sensorId());
    assertThat(credentials.caCertificate()).isEqualTo(ca.certificate());
    for (String file : List.of("sensor.key", "sensor.crt", "ca.crt", "sensor.json")) {
      assertThat(Files.getPosixFilePermissions(temp.resolve("hp-01").resolve(file)))
          .as(file)
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    assertThat(Credentials.load(temp.resolve("hp-01")).orElseThrow().sensorId())
        .isEqualTo(credentials.sensorId());

    JsonNode sensor = sensor(credentials.sensorId());
    assertThat(sensor.get("name").asString()).isEqualTo("hp-01");
    assertThat(sensor.get("hostname").asString()).isEqualTo("hp-01.example");
    assertThat(sensor.get("version").asString()).isEqualTo("1.2.3");
    long assetId = sensor.get("asset_id").asLong();
    mvc.perform(getAs(admin, "/api/v1/assets/" + assetId))
        .andExpect(
            content()
                .json(
                    "{\"type\": \"honeypot\", \"managed_by\": \"sensor\", \"name\":"
                        + " \"hp-01.example\", \"status\": \"online\"}"));
    mvc.perform(getAs(admin, "/api/v1/sensors/enrollment-tokens"))
        .andExpect(
            content()
                .json(
                    "{\"items\": [{\"state\": \"used\", \"used_by\": \""
                        + credentials.sensorId()
                        + "\"}]}"));
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action = 'sensor.enroll' AND outcome ="
                    + " 'success' AND target_id = ?",
                Long.class,
                credentials.sensorId()))
        .isEqualTo(1);
  }

  @Test
  void usedExpiredAndUnknownTokensAreRefusedWithTheirCodes() throws Exception {
    String token = createToken(null).get("token").asString();
    enroll(token, "first");
    assertThatThrownBy(() -> enroll(token, "second"))
        .isInstanceOfSatisfying(
            EnrollmentException.class,
            e -> assertThat(e.code()).isEqualTo("enrollment_token_used"));

    String shortLived = createToken(1).get("token").asString();
    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> enroll(shortLived, "late"))
        .isInstanceOfSatisfying(
            EnrollmentException.class,
            e -> assertThat(e.code()).isEqualTo("enrollment_token_expired"));

    String unknown = "hset_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA." + ca.pin();
    assertThatThrownBy(() -> enroll(unknown, "guess"))
        .isInstanceOfSatisfying(
            EnrollmentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isEqualTo("enrollment_token_invalid");
            });
    assertThat(jdbc.queryForObject("SELECT count(*) FROM sensors", Long.class)).isEqualTo(1);
  }

  @Test
  void aTokenPinningAnotherCaMakesTheSensorRefuseTheServer() throws Exception {
    String token = createToken(null).get("token").asString();
    String wrongPin = token.substring(0, token.lastIndexOf('.') + 1) + SensorCa.generate().pin();
    assertThatThrownBy(() -> enroll(wrongPin, "mitm"))
        .isInstanceOfSatisfying(
            EnrollmentException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.getMessage()).contains("pin");
            });
    // the secret never reached a server the sensor did not trust: the token is still unused
    mvc.perform(getAs(admin, "/api/v1/sensors/enrollment-tokens"))
        .andExpect(content().json("{\"items\": [{\"state\": \"active\"}]}"));
  }

  @Test
  void repeatedEnrollmentFailuresFromOneAddressAreRateLimited() throws Exception {
    String unknown = "hset_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB." + ca.pin();
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(() -> enroll(unknown, "guess"))
          .isInstanceOfSatisfying(
              EnrollmentException.class,
              e -> assertThat(e.code()).isEqualTo("enrollment_token_invalid"));
    }
    String good = createToken(null).get("token").asString();
    assertThatThrownBy(() -> enroll(good, "blocked"))
        .isInstanceOfSatisfying(
            EnrollmentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.code()).isEqualTo("enrollment_rate_limited");
            });
    clock.advance(Duration.ofMinutes(16));
    assertThat(enroll(good, "later").sensorId()).isNotBlank();
  }

  @Test
  void eventsAreIngestedWithSensorAndAssetIdsAndReplaysAreCountedAsDuplicates() throws Exception {
    Credentials credentials = enrollNew("hp-events");
    HttpClient client = mtls(credentials);
    long assetId = sensor(credentials.sensorId()).get("asset_id").asLong();

    HttpResponse<String> first = sendEvents(client, 1, 2, 3);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(json.readTree(first.body()))
        .isEqualTo(
            json.readTree(
                "{\"accepted\": 3, \"duplicates\": 0, \"rejected_count\": 0, \"rejected\": [],"
                    + " \"last_seq\": 3}"));
    HttpResponse<String> replay = sendEvents(client, 1, 2, 3);
    assertThat(json.readTree(replay.body()))
        .isEqualTo(
            json.readTree(
                "{\"accepted\": 0, \"duplicates\": 3, \"rejected_count\": 0, \"rejected\": [],"
                    + " \"last_seq\": 3}"));
    HttpResponse<String> overlap = sendEvents(client, 2, 3, 4, 5);
    assertThat(json.readTree(overlap.body()).get("accepted").asInt()).isEqualTo(2);
    assertThat(json.readTree(overlap.body()).get("duplicates").asInt()).isEqualTo(2);

    JsonNode found = hunt("sensor_id:\"" + credentials.sensorId() + "\"", 5);
    assertThat(found.get("total").asLong()).isEqualTo(5);
    for (JsonNode item : found.get("items")) {
      assertThat(item.get("sensor_id").asString()).isEqualTo(credentials.sensorId());
      assertThat(item.get("asset_id").asLong()).isEqualTo(assetId);
      assertThat(item.get("source_type").asString()).isEqualTo("hsystem_sensor");
    }
    assertThat(hunt("sensor_id:forged", 0).get("total").asLong()).isZero();

    String noSeq = "{\"event_time\":\"" + EVENT_TIME + "\",\"event_type\":\"connection\"}\n";
    HttpResponse<String> bad =
        gatewayPost(
            client,
            "/events",
            noSeq.getBytes(StandardCharsets.UTF_8),
            Map.of("Content-Type", "application/x-ndjson"));
    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(json.readTree(bad.body()).get("rejected").get(0).get("reason").asString())
        .contains("sensor_seq");
    HttpResponse<String> notGzip =
        gatewayPost(
            client,
            "/events",
            "x".getBytes(StandardCharsets.UTF_8),
            Map.of("Content-Encoding", "gzip"));
    assertThat(notGzip.statusCode()).isEqualTo(400);
    assertThat(code(notGzip)).isEqualTo("ingest.bad_encoding");
  }

  @Test
  void aRevokedOrDecommissionedSensorsCertificateIsRefused() throws Exception {
    Credentials revoked = enrollNew("hp-revoked");
    Credentials retired = enrollNew("hp-retired");
    assertThat(heartbeat(mtls(revoked), 0).statusCode()).isEqualTo(200);

    mvc.perform(authed(post("/api/v1/sensors/" + revoked.sensorId() + "/revoke"), admin))
        .andExpect(status().isNoContent());
    HttpResponse<String> refused = heartbeat(mtls(revoked), 0);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(code(refused)).isEqualTo("sensor_revoked");
    assertThat(sendEvents(mtls(revoked), 1).statusCode()).isEqualTo(403);
    assertThat(sensor(revoked.sensorId()).get("status").asString()).isEqualTo("revoked");

    mvc.perform(authed(delete("/api/v1/sensors/" + retired.sensorId()), admin))
        .andExpect(status().isNoContent());
    assertThat(code(heartbeat(mtls(retired), 0))).isEqualTo("sensor_revoked");
    JsonNode sensor = sensor(retired.sensorId());
    assertThat(sensor.get("status").asString()).isEqualTo("decommissioned");
    mvc.perform(getAs(admin, "/api/v1/assets/" + sensor.get("asset_id").asLong()))
        .andExpect(content().json("{\"status\": \"decommissioned\"}"));
  }

  @Test
  void plaintextAndTls12AreRefused() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/sensor-gateway/heartbeat HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer;
      try {
        answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      } catch (IOException closed) {
        answer = "";
      }
      assertThat(answer).doesNotContain("200").doesNotContain("config_version");
    }
    Credentials credentials = enrollNew("hp-tls");
    HttpClient tls12 =
        client(
            credentials.key(),
            new X509Certificate[] {credentials.certificate(), credentials.caCertificate()},
            "TLSv1.2");
    assertThatThrownBy(() -> heartbeat(tls12, 0)).isInstanceOf(IOException.class);
    assertThat(heartbeat(mtls(credentials), 0).statusCode()).isEqualTo(200);
  }

  @Test
  void aClientCertificateFromAnotherCaIsRefused() throws Exception {
    Credentials credentials = enrollNew("hp-real");
    SensorCa other = SensorCa.generate();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    // same subject as a real sensor, signed by a CA the gateway does not trust
    X509Certificate forged =
        other.issueClient(pair.getPublic(), credentials.sensorId(), Duration.ofDays(1));
    HttpClient client =
        client(
            pair.getPrivate(),
            new X509Certificate[] {forged, credentials.caCertificate()},
            "TLSv1.3");
    int status;
    try {
      status = heartbeat(client, 0).statusCode();
    } catch (IOException handshakeRefused) {
      status = -1;
    }
    assertThat(status).isIn(-1, 401);
    // and without any certificate: enrollment works, the rest does not
    HttpClient anonymous = client(null, new X509Certificate[] {ca.certificate()}, "TLSv1.3");
    HttpResponse<String> response = heartbeat(anonymous, 0);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(code(response)).isEqualTo("sensor_certificate_required");
  }

  @Test
  void gatewayPathsAreUnreachableOnTheMainPortAndUserTokensMeanNothingThere() throws Exception {
    mvc.perform(postJson(admin, "/api/v1/sensor-gateway/heartbeat", "{}"))
        .andExpect(status().isNotFound())
        .andExpect(content().json("{\"code\": \"not_found\"}"));
    mvc.perform(postJson(admin, "/api/v1/sensor-gateway/enroll", "{\"token\": \"x\"}"))
        .andExpect(status().isNotFound());

    HttpClient anonymous = client(null, new X509Certificate[] {ca.certificate()}, "TLSv1.3");
    HttpResponse<String> withJwt =
        gatewayPost(
            anonymous,
            "/heartbeat",
            "{}".getBytes(StandardCharsets.UTF_8),
            Map.of("Content-Type", "application/json", "Authorization", "Bearer " + admin));
    assertThat(withJwt.statusCode()).isEqualTo(401);
    assertThat(code(withJwt)).isEqualTo("sensor_certificate_required");
    // and the user API is not served on the gateway port
    HttpResponse<String> api =
        anonymous.send(
            HttpRequest.newBuilder(gatewayUri().resolve("/api/v1/assets"))
                .header("Authorization", "Bearer " + admin)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).isEqualTo(404);
  }

  @Test
  void aConfigurationChangeIsValidatedAndDeliveredAtTheNextHeartbeat() throws Exception {
    Credentials credentials = enrollNew("hp-config");
    HttpClient client = mtls(credentials);
    assertThat(json.readTree(heartbeat(client, 0).body()))
        .isEqualTo(json.readTree("{\"config_version\": 0, \"config\": null}"));

    String url = "/api/v1/sensors/" + credentials.sensorId() + "/config";
    String invalid =
        """
        {"services": [
          {"name": "smtp", "port": 25},
          {"name": "ssh", "port": 0},
          {"name": "http", "port": 8080, "banner": "%s"},
          {"name": "redis", "port": 8080}]}
        """
            .formatted("x".repeat(600));
    mvc.perform(authed(put(url), admin).contentType(MediaType.APPLICATION_JSON).content(invalid))
        .andExpect(status().isBadRequest())
        .andExpect(
            content()
                .json(
                    """
                    {"code": "validation_failed", "errors": [
                      {"field": "services[0].name"}, {"field": "services[1].port"},
                      {"field": "services[2].banner"}, {"field": "services[3].port",
                       "message": "port 8080 is used twice"}]}
                    """));
    mvc.perform(
            authed(put(url), token("analyst"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"services\": []}"))
        .andExpect(status().isForbidden());

    String valid =
        """
        {"services": [
          {"name": "ssh", "port": 2222, "banner": "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6"},
          {"name": "redis", "port": 6379, "enabled": false, "options": {"version": "6.0.16"}}]}
        """;
    mvc.perform(authed(put(url), admin).contentType(MediaType.APPLICATION_JSON).content(valid))
        .andExpect(status().isOk())
        .andExpect(content().json("{\"config\": {\"config_version\": 1}}"));

    JsonNode reply = json.readTree(heartbeat(client, 0).body());
    assertThat(reply)
        .isEqualTo(
            json.readTree(
                """
                {"config_version": 1, "config": {"config_version": 1, "services": [
                  {"name": "ssh", "enabled": true, "port": 2222,
                   "banner": "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6", "options": {}},
                  {"name": "redis", "enabled": false, "port": 6379, "banner": null,
                   "options": {"version": "6.0.16"}}]}}
                """));
    assertThat(json.readTree(heartbeat(client, 1).body()))
        .isEqualTo(json.readTree("{\"config_version\": 1, \"config\": null}"));
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action = 'sensor.config_update'", Long.class))
        .isEqualTo(3);
  }

  @Test
  void theListShowsStatusVersionServicesEventsTodayAndSpoolFigures() throws Exception {
    Credentials credentials = enrollNew("hp-list");
    HttpClient client = mtls(credentials);
    sendEvents(client, 1, 2, 3, 4);
    heartbeat(client, 0);

    mvc.perform(getAs(token("analyst"), "/api/v1/sensors"))
        .andExpect(status().isOk())
        .andExpect(
            content()
                .json(
                    """
                    {"total": 1, "items": [{"id": "%s", "name": "hp-list", "status": "online",
                      "version": "1.2.4", "events_today": 4, "events_total": 4, "last_seq": 4,
                      "last_seen": "2025-08-27 06:00:00",
                      "services": [{"name": "ssh", "port": 2222}],
                      "spool": {"spooled": 7, "evicted": 2, "sent": 40}}]}
                    """
                        .formatted(credentials.sensorId())));
    clock.advance(Duration.ofSeconds(46));
    mvc.perform(getAs(admin, "/api/v1/sensors"))
        .andExpect(content().json("{\"items\": [{\"status\": \"offline\"}]}"));
    clock.advance(Duration.ofDays(1));
    admin = token("admin");
    mvc.perform(getAs(admin, "/api/v1/sensors"))
        .andExpect(content().json("{\"items\": [{\"events_today\": 0, \"events_total\": 4}]}"));
    mvc.perform(getAs(admin, "/api/v1/sensors/00000000-0000-0000-0000-000000000001"))
        .andExpect(status().isNotFound())
        .andExpect(content().json("{\"code\": \"sensor.not_found\"}"));
    mvc.perform(getAs(admin, "/api/v1/sensors/not-a-uuid")).andExpect(status().isBadRequest());
  }

  @Test
  void theShipperSpoolsWhileTheServerIsUnreachableAndDeliversEverythingExactlyOnce()
      throws Exception {
    Path state = temp.resolve("shipper");
    String token = createToken(null).get("token").asString();
    SensorOptions options =
        SensorOptions.defaults("2.0.0")
            .withName("hp-shipper")
            .withBatching(50, Duration.ofMillis(100))
            .withMaxBackoff(Duration.ofMillis(300))
            .withHeartbeatInterval(Duration.ofHours(1));
    String sensorId;
    try (SensorClient client = SensorClient.enrollOrLoad(gatewayUri(), token, state, options)) {
      sensorId = client.sensorId();
      client.shipper().accept(event(0));
      assertThat(client.shipper().awaitDelivered(Duration.ofSeconds(20))).isTrue();
    }
    // the server "goes away": the sensor is pointed at a port where nothing answers TLS
    try (TcpProxy proxy = new TcpProxy(gateway.port())) {
      proxy.setOpen(false);
      URI viaProxy = URI.create("https://localhost:" + proxy.port());
      try (SensorClient client = SensorClient.enrollOrLoad(viaProxy, null, state, options)) {
        for (int i = 1; i <= 120; i++) {
          client.shipper().accept(event(i));
        }
        Thread.sleep(1500);
        assertThat(client.shipper().stats().spooled()).isEqualTo(120);
        assertThat(client.shipper().stats().failures()).isPositive();
        // it comes back: everything is delivered, in order, without a restart of the sensor
        proxy.setOpen(true);
        assertThat(client.shipper().awaitDelivered(Duration.ofSeconds(30))).isTrue();
        assertThat(client.shipper().stats().sent()).isEqualTo(120);
      }
    }
    // a restart spools a little more: sequence numbers continue, nothing is sent twice
    try (SensorClient client = SensorClient.enrollOrLoad(gatewayUri(), null, state, options)) {
      for (int i = 121; i <= 130; i++) {
        client.shipper().accept(event(i));
      }
      assertThat(client.shipper().awaitDelivered(Duration.ofSeconds(20))).isTrue();
      assertThat(client.shipper().stats().lastSeq()).isEqualTo(131);
      assertThat(client.shipper().stats().duplicates()).isZero();
    }
    assertThat(hunt("sensor_id:\"" + sensorId + "\"", 131).get("total").asLong()).isEqualTo(131);
    JsonNode sensor = sensor(sensorId);
    assertThat(sensor.get("last_seq").asLong()).isEqualTo(131);
    assertThat(sensor.get("events_total").asLong()).isEqualTo(131);
  }

  @Test
  void theSensorClientHeartbeatAppliesANewConfigurationThroughItsCallback() throws Exception {
    Path state = temp.resolve("heartbeat");
    String token = createToken(null).get("token").asString();
    SensorOptions options =
        SensorOptions.defaults("2.1.0").withHeartbeatInterval(Duration.ofMillis(200));
    try (SensorClient client = SensorClient.enrollOrLoad(gatewayUri(), token, state, options)) {
      mvc.perform(
              authed(put("/api/v1/sensors/" + client.sensorId() + "/config"), admin)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"services\": [{\"name\": \"telnet\", \"port\": 2323}]}"))
          .andExpect(status().isOk());
      List<String> received = new CopyOnWriteArrayList<>();
      var heartbeat = client.startHeartbeat(() -> List.of(Map.of("name", "telnet")), received::add);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(received).hasSize(1);
      assertThat(json.readTree(received.get(0)).get("services").get(0).get("port").asInt())
          .isEqualTo(2323);
      assertThat(heartbeat.configVersion()).isEqualTo(1);
      Thread.sleep(600); // later heartbeats do not hand the same configuration again
      assertThat(received).hasSize(1);
      assertThat(client.currentConfig()).isPresent();
      assertThat(sensor(client.sensorId()).get("version").asString()).isEqualTo("2.1.0");
      assertThat(sensor(client.sensorId()).get("reported_config_version").asLong()).isEqualTo(1);
    }
  }

  private static HoneypotEvent event(int i) {
    return HoneypotEvent.of("login_attempt", START.minusSeconds(60))
        .put("service", "ssh")
        .put("src_ip", "198.51.100." + (i % 250 + 1))
        .put("username", "root")
        .put("password", "guess-" + i);
  }

  /** A TCP relay to the gateway that can refuse connections, to play an unreachable server. */
  static final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private volatile boolean open = true;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    TcpProxy(int target) throws IOException {
      this.target = target;
      this.server = new ServerSocket(0);
      this.acceptor = new Thread(this::acceptLoop, "test-proxy");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    void setOpen(boolean open) {
      this.open = open;
    }

    private void acceptLoop() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          if (!open) {
            client.close();
            continue;
          }
          Socket upstream = new Socket("127.0.0.1", target);
          sockets.add(client);
          sockets.add(upstream);
          pipe(client.getInputStream(), upstream.getOutputStream(), upstream);
          pipe(upstream.getInputStream(), client.getOutputStream(), client);
        } catch (IOException e) {
          // closed
        }
      }
    }

    private static void pipe(InputStream in, OutputStream out, Socket closeAfter) {
      Thread t =
          new Thread(
              () -> {
                try (in;
                    out) {
                  in.transferTo(out);
                } catch (IOException ignored) {
                  // one side closed
                } finally {
                  try {
                    closeAfter.close();
                  } catch (IOException ignored) {
                    // closing
                  }
                }
              });
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : new ArrayList<>(sockets)) {
        s.close();
      }
    }
  }
}
