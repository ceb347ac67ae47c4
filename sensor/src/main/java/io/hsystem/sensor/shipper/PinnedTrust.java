package io.hsystem.sensor.shipper;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for the gateway: TLS 1.3 only, the server's chain verified against the sensor CA whose public
 * key hash the enrollment token pins — not against the JDK's public CAs, and never trust on first
 * use. Host names are still checked by the HTTP client against the gateway certificate.
 */
final class PinnedTrust implements X509TrustManager {

  static final String PROTOCOL = "TLSv1.3";

  private final String pin;
  private volatile X509Certificate ca;

  /**
   * @param pin base64url SHA-256 of the CA's SubjectPublicKeyInfo
   * @param ca the CA certificate when already known (after enrollment), else null
   */
  PinnedTrust(String pin, X509Certificate ca) {
    this.pin = pin;
    this.ca = ca;
    if (ca != null && !pin.equals(pinOf(ca.getPublicKey()))) {
      throw new IllegalArgumentException("the stored CA certificate does not match the pin");
    }
  }

  static String pinOf(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CA the server proved to hold (set once a handshake passed the pin check). */
  X509Certificate ca() {
    return ca;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    X509Certificate anchor = ca;
    if (anchor == null) {
      for (X509Certificate c : chain) {
        if (c.getBasicConstraints() >= 0 && pin.equals(pinOf(c.getPublicKey()))) {
          anchor = c;
          break;
        }
      }
      if (anchor == null) {
        throw new CertificateException(
            "the server's certificate chain does not contain the CA the enrollment token pins");
      }
    }
    List<X509Certificate> path = new ArrayList<>();
    for (X509Certificate c : chain) {
      if (!c.equals(anchor)) {
        path.add(c);
      }
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), parameters);
    } catch (GeneralSecurityException e) {
      throw new CertificateException(
          "the server's certificate is not issued by the pinned CA: " + e.getMessage(), e);
    }
    ca = anchor;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a sensor does not accept connections");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    X509Certificate c = ca;
    return c == null ? new X509Certificate[0] : new X509Certificate[] {c};
  }

  /** A TLS 1.3 context trusting only the pinned CA, presenting the client key when given. */
  SSLContext context(PrivateKey key, X509Certificate certificate) {
    try {
      KeyManager[] keyManagers = null;
      if (key != null) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "in-memory".toCharArray();
        X509Certificate[] chain =
            ca == null
                ? new X509Certificate[] {certificate}
                : new X509Certificate[] {certificate, ca};
        store.setKeyEntry("sensor", key, password, chain);
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        keyManagers = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance(PROTOCOL);
      context.init(keyManagers, new TrustManager[] {this}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up TLS", e);
    }
  }

  static SSLParameters parameters() {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(new String[] {PROTOCOL});
    return parameters;
  }
}
