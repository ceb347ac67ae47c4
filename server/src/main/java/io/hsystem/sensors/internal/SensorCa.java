package io.hsystem.sensors.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * The sensor certificate authority: an EC P-256 key and a self-signed certificate that sign the
 * sensors' client certificates and the gateway's server certificate. Its public key's SHA-256 (the
 * "pin") travels inside every enrollment token, so a sensor verifies the gateway from its very
 * first connection (ADR 012).
 *
 * <p>Certificates are dated with the wall clock, not the application clock: TLS peers check them
 * against real time.
 */
public final class SensorCa {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final Duration CA_VALIDITY = Duration.ofDays(3650 * 2);
  private static final Duration BACKDATE = Duration.ofHours(1);

  private final X509Certificate certificate;
  private final PrivateKey key;

  private SensorCa(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
  }

  /** A new CA with a fresh key. */
  public static SensorCa generate() {
    try {
      KeyPair pair = newKeyPair();
      X500Name name =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "H-System")
              .addRDN(BCStyle.CN, "H-System Sensor CA")
              .build();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              serial(),
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(CA_VALIDITY)),
              name,
              pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      return new SensorCa(sign(builder, pair.getPrivate()), pair.getPrivate());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot create the sensor CA", e);
    }
  }

  /** The CA from its stored PEM forms. */
  public static SensorCa fromPem(String certificatePem, String privateKeyPem) {
    X509Certificate certificate = parseCertificate(certificatePem);
    try (PEMParser parser = new PEMParser(new StringReader(privateKeyPem))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PrivateKeyInfo info) {
        return new SensorCa(certificate, converter.getPrivateKey(info));
      }
      if (object instanceof PEMKeyPair pair) {
        return new SensorCa(certificate, converter.getKeyPair(pair).getPrivate());
      }
      throw new IllegalStateException("the stored sensor CA key is not a private key");
    } catch (IOException e) {
      throw new IllegalStateException("the stored sensor CA key cannot be read", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    return pem(certificate);
  }

  /** The private key in PKCS#8 PEM: only ever stored encrypted. */
  public String privateKeyPem() {
    try {
      return pem(new JcaPKCS8Generator(key, null));
    } catch (PemGenerationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64url (no padding) SHA-256 of the CA's SubjectPublicKeyInfo: what tokens carry. */
  public String pin() {
    return pinOf(certificate.getPublicKey());
  }

  public static String pinOf(PublicKey key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(key.getEncoded()));
  }

  /** Hex SHA-256 of a certificate's DER encoding: how a client certificate is looked up. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(sha256(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * True when this CA signed the certificate (the TLS layer checked it already; belt and braces).
   */
  public boolean issued(X509Certificate client) {
    try {
      if (!client.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
        return false;
      }
      client.verify(certificate.getPublicKey());
      client.checkValidity();
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A certification request that was parsed and whose signature proves possession of its key. */
  public record Csr(PublicKey publicKey) {}

  /**
   * Reads a PKCS#10 request in PEM and checks it: its signature must verify (the requester holds
   * the key) and the key must be EC P-256.
   *
   * @throws IllegalArgumentException with a reason fit for the requester
   */
  public static Csr parseCsr(String pem) {
    if (pem == null || pem.isBlank() || pem.length() > 16_384) {
      throw new IllegalArgumentException("send a PKCS#10 certification request in PEM");
    }
    Object object;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      object = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("the certification request is not valid PEM");
    }
    if (!(object instanceof PKCS10CertificationRequest request)) {
      throw new IllegalArgumentException("the PEM is not a PKCS#10 certification request");
    }
    try {
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
      PublicKey publicKey = jca.getPublicKey();
      if (!(publicKey instanceof ECPublicKey ec)
          || ec.getParams().getCurve().getField().getFieldSize() != 256) {
        throw new IllegalArgumentException("the key must be an EC P-256 key");
      }
      // verifies with the parsed JCA key: the JDK has no key factory named by the EC OID
      if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
        throw new IllegalArgumentException("the certification request's signature is invalid");
      }
      return new Csr(publicKey);
    } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
      throw new IllegalArgumentException("the certification request cannot be verified");
    }
  }

  /** A client certificate for a sensor: subject CN = its id, extended key usage clientAuth. */
  public X509Certificate issueClient(PublicKey sensorKey, String sensorId, Duration validity) {
    try {
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "H-System sensors")
              .addRDN(BCStyle.CN, sensorId)
              .build();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              certificate,
              serial(),
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(validity)),
              subject,
              sensorKey);
      leafExtensions(builder, sensorKey, KeyPurposeId.id_kp_clientAuth);
      return sign(builder, key);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot issue a sensor certificate", e);
    }
  }

  /** The gateway's key and certificate (chain: gateway, CA), valid for these names and IPs. */
  public record ServerIdentity(PrivateKey key, X509Certificate[] chain) {

    /** In a key store, under the alias {@code gateway}, protected by {@code password}. */
    public KeyStore keyStore(char[] password) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("gateway", key, password, chain);
        return store;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A fresh gateway server identity; it is not stored: sensors trust the CA, not this leaf. */
  public ServerIdentity issueServer(List<String> hostnames) {
    try {
      KeyPair pair = newKeyPair();
      List<GeneralName> names = new ArrayList<>();
      for (String host : hostnames) {
        names.add(
            isIpLiteral(host)
                ? new GeneralName(GeneralName.iPAddress, host)
                : new GeneralName(GeneralName.dNSName, host));
      }
      X500Name subject =
          new X500NameBuilder(BCStyle.INSTANCE)
              .addRDN(BCStyle.O, "H-System")
              .addRDN(BCStyle.CN, hostnames.isEmpty() ? "hsystem-gateway" : hostnames.get(0))
              .build();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              certificate,
              serial(),
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(Duration.ofDays(397))),
              subject,
              pair.getPublic());
      leafExtensions(builder, pair.getPublic(), KeyPurposeId.id_kp_serverAuth);
      if (!names.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      return new ServerIdentity(
          pair.getPrivate(), new X509Certificate[] {sign(builder, key), certificate});
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot issue the gateway certificate", e);
    }
  }

  /** A trust store holding only this CA: what client certificates are verified against. */
  public KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("sensor-ca", certificate);
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      if (object instanceof PemObjectGenerator generator) {
        writer.writeObject(generator);
      } else {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static X509Certificate parseCertificate(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      if (!(object instanceof X509CertificateHolder holder)) {
        throw new IllegalStateException("not a PEM certificate");
      }
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read a PEM certificate", e);
    }
  }

  private void leafExtensions(
      JcaX509v3CertificateBuilder builder, PublicKey subjectKey, KeyPurposeId purpose)
      throws GeneralSecurityException, IOException {
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
    builder.addExtension(
        Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer);
      return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
