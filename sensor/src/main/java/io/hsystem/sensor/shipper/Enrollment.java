package io.hsystem.sensor.shipper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enrolls a sensor: generates its EC P-256 key (which never leaves the host), sends a CSR with the
 * one-time token over TLS 1.3 to a server that must prove it holds the CA the token pins, checks
 * the issued certificate and stores the credentials in the state folder.
 */
public final class Enrollment {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Enrollment() {}

  /**
   * An enrollment token split into its parts: {@code hset_<secret>.<pin>}.
   *
   * @param pin base64url SHA-256 of the sensor CA's SubjectPublicKeyInfo
   */
  public record Token(String secret, String pin) {

    /**
     * @throws IllegalArgumentException when the text is not a token
     */
    public static Token parse(String token) {
      String t = token == null ? "" : token.trim();
      int dot = t.lastIndexOf('.');
      if (!t.startsWith("hset_") || dot < 0 || dot == t.length() - 1) {
        throw new IllegalArgumentException(
            "not an enrollment token (hset_<secret>.<pin>): create one in the console");
      }
      return new Token(t.substring(0, dot), t.substring(dot + 1));
    }

    @Override
    public String toString() {
      return "Token[pin=" + pin + "]"; // never the secret
    }
  }

  /**
   * Enrolls and saves the credentials in {@code stateDir}.
   *
   * @param server the gateway, {@code https://host:port}
   * @param name how the sensor is listed on the server
   * @param hostname this host's name (the asset's host name)
   * @param version the sensor's version
   * @throws EnrollmentException when the server refuses (with its problem code) or cannot be
   *     reached or verified
   */
  public static Credentials enroll(
      URI server,
      String token,
      Path stateDir,
      String name,
      String hostname,
      String version,
      Duration timeout)
      throws IOException {
    if (server == null || !"https".equalsIgnoreCase(server.getScheme())) {
      throw new IllegalArgumentException("the server must be an https:// address");
    }
    Token parsed = Token.parse(token);
    KeyPair pair = newKeyPair();
    String csr = Credentials.pem(csr(pair, hostname));
    PinnedTrust trust = new PinnedTrust(parsed.pin(), null);
    GatewayClient client = new GatewayClient(server, trust.context(null, null), timeout);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token.trim());
    body.put("name", name);
    body.put("hostname", hostname);
    body.put("version", version);
    body.put("csr", csr);
    HttpResponse<String> response;
    try {
      response =
          client.post(
              "/enroll",
              JSON.writeValueAsBytes(body),
              Map.of("Content-Type", "application/json", "Accept", "application/json"));
    } catch (SSLHandshakeException e) {
      throw new EnrollmentException(
          "the server at " + server + " could not be verified against the token's pin", 0, null, e);
    } catch (IOException e) {
      throw new EnrollmentException("cannot reach " + server + ": " + e.getMessage(), 0, null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EnrollmentException("interrupted", 0, null, e);
    }
    JsonNode answer = parse(response.body());
    if (response.statusCode() != 200) {
      String code = answer.path("code").isString() ? answer.path("code").asString() : null;
      String detail = answer.path("detail").isString() ? answer.path("detail").asString() : "";
      throw new EnrollmentException(
          "enrollment refused (" + response.statusCode() + " " + code + "): " + detail,
          response.statusCode(),
          code,
          null);
    }
    X509Certificate certificate =
        Credentials.readCertificate(answer.path("certificate").asString());
    X509Certificate ca = Credentials.readCertificate(answer.path("ca_certificate").asString());
    if (!parsed.pin().equals(PinnedTrust.pinOf(ca.getPublicKey())) || !ca.equals(trust.ca())) {
      throw new EnrollmentException(
          "the server sent a CA that the token does not pin", 0, null, null);
    }
    try {
      certificate.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new EnrollmentException("the issued certificate is not signed by the CA", 0, null, e);
    }
    if (!certificate.getPublicKey().equals(pair.getPublic())) {
      throw new EnrollmentException("the issued certificate is for another key", 0, null, null);
    }
    Credentials credentials =
        new Credentials(
            answer.path("sensor_id").asString(),
            server,
            parsed.pin(),
            pair.getPrivate(),
            certificate,
            ca,
            Duration.ofSeconds(answer.path("heartbeat_interval_seconds").asLong(15)));
    credentials.save(stateDir);
    JsonNode config = answer.get("config");
    if (config != null && config.isObject()) {
      ConfigStore.save(stateDir, JSON.writeValueAsString(config));
    }
    return credentials;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (RuntimeException e) {
      return JSON.createObjectNode();
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PKCS10CertificationRequest csr(KeyPair pair, String hostname) {
    try {
      var subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.CN, hostname == null || hostname.isBlank() ? "sensor" : hostname)
              .build();
      return new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
