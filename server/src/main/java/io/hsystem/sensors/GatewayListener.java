package io.hsystem.sensors;

import io.hsystem.sensors.internal.SensorCa;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The sensor gateway's TLS listener: a second Tomcat connector beside the API's, TLS 1.3 only,
 * presenting a certificate issued by the sensor CA, asking for (not requiring: enrollment has none)
 * a client certificate verified against the sensor CA. Requests that arrive here reach only the
 * gateway endpoints, and the gateway endpoints answer only here (ADR 012).
 *
 * <p>Exists only when a real web server runs; {@link #port()} is -1 until it listens.
 */
public class GatewayListener implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  private final SensorsProperties.Gateway settings;
  private final SensorCa ca;
  private final List<String> hostnames;
  private final String advertisedHost;
  private volatile Connector connector;

  public GatewayListener(SensorsProperties properties, SensorCa ca) {
    this.settings = properties.gateway();
    this.ca = ca;
    String machine = machineHostName();
    List<String> configured = settings.hostnames();
    this.advertisedHost =
        !settings.advertisedHost().isBlank()
            ? settings.advertisedHost().trim()
            : configured.isEmpty() ? machine : configured.get(0);
    LinkedHashSet<String> names = new LinkedHashSet<>();
    if (configured.isEmpty()) {
      names.add("localhost");
      names.add("127.0.0.1");
      names.add(machine);
    } else {
      configured.forEach(h -> names.add(h.trim()));
    }
    names.add(advertisedHost);
    this.hostnames = List.copyOf(new ArrayList<>(names));
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    if (!settings.enabled()) {
      return;
    }
    Connector created = new Connector(Http11NioProtocol.class.getName());
    created.setPort(settings.port());
    created.setScheme("https");
    created.setSecure(true);
    created.setProperty("SSLEnabled", "true");
    created.setProperty("address", settings.bind());
    created.setProperty(
        "sslImplementationName", "org.apache.tomcat.util.net.jsse.JSSEImplementation");

    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    // protects the in-memory key store only; the gateway key itself is never written anywhere
    String password = Base64.getEncoder().encodeToString(random);
    SensorCa.ServerIdentity identity = ca.issueServer(hostnames);

    SSLHostConfig ssl = new SSLHostConfig();
    ssl.setHostName("_default_");
    ssl.setProtocols("TLSv1.3");
    ssl.setCertificateVerification("optional");
    ssl.setTrustStore(ca.trustStore());
    SSLHostConfigCertificate certificate =
        new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.EC);
    certificate.setCertificateKeystore(identity.keyStore(password.toCharArray()));
    certificate.setCertificateKeystorePassword(password);
    certificate.setCertificateKeyPassword(password);
    certificate.setCertificateKeyAlias("gateway");
    ssl.addCertificate(certificate);
    created.addSslHostConfig(ssl);

    factory.addAdditionalConnectors(created);
    this.connector = created;
  }

  /** The port the gateway listens on, or -1 when it does not (disabled, no web server, stopped). */
  public int port() {
    Connector c = connector;
    return c == null ? -1 : c.getLocalPort();
  }

  /** The port enrollment commands name: the actual one, else the configured one. */
  public int advertisedPort() {
    int port = port();
    return port > 0 ? port : settings.port();
  }

  /** The host name enrollment commands name. */
  public String advertisedHost() {
    return advertisedHost;
  }

  /** The names and addresses the gateway certificate is valid for. */
  public List<String> hostnames() {
    return hostnames;
  }

  private static String machineHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
