package io.hsystem.sensor.shipper;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.hsystem.sensor.core.HoneypotEvent;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipper against a small stand-in gateway (TLS 1.3, its own CA) that de-duplicates by sequence
 * number like the server and can be told to fail.
 */
class ShipperTest {

  @TempDir Path dir;

  private KeyPair caKeys;
  private X509Certificate ca;
  private HttpsServer server;
  private final List<Long> stored = new CopyOnWriteArrayList<>();
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final List<Instant> requestTimes = new CopyOnWriteArrayList<>();
  private final AtomicInteger answer503 = new AtomicInteger();
  private final AtomicInteger storeThen500 = new AtomicInteger();
  private volatile long lastSeq;

  @BeforeEach
  void startGateway() throws Exception {
    caKeys = keys();
    ca = certificate("CN=test CA", caKeys.getPublic(), "CN=test CA", caKeys.getPrivate(), true);
    KeyPair serverKeys = keys();
    X509Certificate serverCert =
        certificate(
            "CN=localhost", serverKeys.getPublic(), "CN=test CA", caKeys.getPrivate(), false);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "s", serverKeys.getPrivate(), "p".toCharArray(), new X509Certificate[] {serverCert, ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "p".toCharArray());
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = context.getDefaultSSLParameters();
            p.setProtocols(new String[] {"TLSv1.3"});
            params.setSSLParameters(p);
          }
        });
    server.createContext("/api/v1/sensor-gateway/events", this::events);
    server.start();
  }

  @AfterEach
  void stopGateway() {
    server.stop(0);
  }

  private synchronized void events(HttpExchange exchange) throws IOException {
    requestTimes.add(Instant.now());
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (answer503.getAndDecrement() > 0) {
      exchange.getResponseHeaders().add("Retry-After", "1");
      reply(exchange, 503, "{\"code\":\"ingest.overloaded\"}");
      return;
    }
    assertThat(exchange.getRequestHeaders().getFirst("Content-Encoding")).isEqualTo("gzip");
    String ndjson;
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
      ndjson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int accepted = 0;
    int duplicates = 0;
    List<String> lines = ndjson.lines().filter(l -> !l.isBlank()).toList();
    batchSizes.add(lines.size());
    for (String line : lines) {
      long seq = Long.parseLong(line.substring("{\"sensor_seq\":".length(), line.indexOf(',')));
      if (seq <= lastSeq) {
        duplicates++;
      } else {
        lastSeq = seq;
        stored.add(seq);
        accepted++;
      }
    }
    if (storeThen500.getAndDecrement() > 0) {
      reply(exchange, 500, "{}"); // taken in, but the answer is lost
      return;
    }
    reply(
        exchange,
        200,
        "{\"accepted\":"
            + accepted
            + ",\"duplicates\":"
            + duplicates
            + ",\"rejected_count\":0,\"last_seq\":"
            + lastSeq
            + "}");
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private Shipper shipper(int batch) throws Exception {
    KeyPair sensorKeys = keys();
    X509Certificate cert =
        certificate("CN=sensor", sensorKeys.getPublic(), "CN=test CA", caKeys.getPrivate(), false);
    Credentials credentials =
        new Credentials(
            "s-1",
            URI.create("https://localhost:" + server.getAddress().getPort()),
            PinnedTrust.pinOf(ca.getPublicKey()),
            sensorKeys.getPrivate(),
            cert,
            ca,
            Duration.ofSeconds(15));
    return new Shipper(
            GatewayClient.forSensor(credentials, Duration.ofSeconds(5)),
            Spool.open(dir.resolve("spool"), 64L << 20),
            batch,
            Duration.ofMillis(50),
            Duration.ofMillis(200))
        .start();
  }

  private static HoneypotEvent event(int i) {
    return HoneypotEvent.of("connection", Instant.parse("2026-01-01T00:00:00Z"))
        .put("service", "tcp")
        .put("src_port", i);
  }

  private static List<Long> oneTo(int n) {
    List<Long> out = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      out.add(i);
    }
    return out;
  }

  @Test
  void batchesAreGzippedBoundedAndDeliveredInOrderExactlyOnce() throws Exception {
    try (Shipper shipper = shipper(1000)) {
      for (int i = 0; i < 2500; i++) {
        shipper.accept(event(i));
      }
      assertThat(shipper.awaitDelivered(Duration.ofSeconds(20))).isTrue();
      assertThat(stored).isEqualTo(oneTo(2500));
      assertThat(batchSizes).allMatch(n -> n <= 1000);
      ShipperStats stats = shipper.stats();
      assertThat(stats.sent()).isEqualTo(2500);
      assertThat(stats.spooled()).isZero();
      assertThat(stats.ackedSeq()).isEqualTo(2500);
      assertThat(stats.toMap()).containsKeys("spooled", "evicted", "sent", "last_seq");
    }
  }

  @Test
  void aBusyServersRetryAfterIsHonouredAndNothingIsLost() throws Exception {
    answer503.set(2);
    try (Shipper shipper = shipper(1000)) {
      for (int i = 0; i < 10; i++) {
        shipper.accept(event(i));
      }
      assertThat(shipper.awaitDelivered(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(stored).isEqualTo(oneTo(10));
    assertThat(requestTimes).hasSizeGreaterThanOrEqualTo(3);
    assertThat(Duration.between(requestTimes.get(0), requestTimes.get(2)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void aLostAnswerIsReplayedAndTheServerCountsTheReplayAsDuplicates() throws Exception {
    storeThen500.set(1);
    try (Shipper shipper = shipper(1000)) {
      for (int i = 0; i < 5; i++) {
        shipper.accept(event(i));
      }
      assertThat(shipper.awaitDelivered(Duration.ofSeconds(20))).isTrue();
      assertThat(shipper.stats().duplicates()).isEqualTo(5);
      assertThat(shipper.stats().failures()).isEqualTo(1);
    }
    assertThat(stored).isEqualTo(oneTo(5));
  }

  @Test
  void spooledEventsWaitForTheServerAcrossARestart() throws Exception {
    server.stop(0);
    try (Shipper shipper = shipper(1000)) {
      for (int i = 0; i < 30; i++) {
        shipper.accept(event(i));
      }
      Thread.sleep(500);
      assertThat(shipper.stats().spooled()).isEqualTo(30);
      assertThat(shipper.stats().failures()).isPositive();
      assertThat(shipper.stats().lastError()).isNotBlank();
    }
    startGateway();
    try (Shipper shipper = shipper(1000)) {
      shipper.accept(event(30));
      assertThat(shipper.awaitDelivered(Duration.ofSeconds(20))).isTrue();
      assertThat(shipper.stats().lastSeq()).isEqualTo(31);
    }
    assertThat(stored).isEqualTo(oneTo(31));
  }

  @Test
  void aServerWithoutThePinnedCaIsNotTrusted() throws Exception {
    X509Certificate realCa = ca;
    KeyPair otherKeys = keys();
    PinnedTrust trust = new PinnedTrust(PinnedTrust.pinOf(otherKeys.getPublic()), null);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> trust.checkServerTrusted(new X509Certificate[] {realCa}, "EC")))
        .hasMessageContaining("pins");
    PinnedTrust right = new PinnedTrust(PinnedTrust.pinOf(realCa.getPublicKey()), null);
    right.checkServerTrusted(new X509Certificate[] {realCa}, "EC");
    assertThat(right.ca()).isEqualTo(realCa);
    assertThat(Enrollment.Token.parse("hset_abc.pin123"))
        .isEqualTo(new Enrollment.Token("hset_abc", "pin123"));
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate certificate(
      String subject, PublicKey key, String issuer, PrivateKey signer, boolean isCa)
      throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(System.nanoTime()),
            Date.from(now.minusSeconds(3600)),
            Date.from(now.plusSeconds(86400)),
            new X500Name(subject),
            key);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (!isCa) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }
}
