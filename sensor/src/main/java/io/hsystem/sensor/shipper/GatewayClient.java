package io.hsystem.sensor.shipper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** HTTPS to the gateway over mutual TLS 1.3, trusting only the pinned sensor CA. */
final class GatewayClient implements AutoCloseable {

  static final String BASE = "/api/v1/sensor-gateway";

  private final URI server;
  private final HttpClient http;
  private final Duration timeout;

  GatewayClient(URI server, SSLContext context, Duration timeout) {
    this.server = server;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(context)
            .sslParameters(PinnedTrust.parameters())
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A client presenting the sensor's certificate. */
  static GatewayClient forSensor(Credentials credentials, Duration timeout) {
    PinnedTrust trust = new PinnedTrust(credentials.pin(), credentials.caCertificate());
    return new GatewayClient(
        credentials.server(), trust.context(credentials.key(), credentials.certificate()), timeout);
  }

  URI server() {
    return server;
  }

  HttpResponse<String> post(String path, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.resolve(BASE + path))
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    // HttpClient.close() exists from Java 21 only; its threads end when it is unreachable
  }
}
