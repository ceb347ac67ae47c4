package io.hsystem.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hsystem.sensors.internal.SensorCa;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class SensorCaTest {

  private static KeyPair keys(String algorithm, Object spec) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
    if (spec instanceof ECGenParameterSpec ec) {
      g.initialize(ec);
    } else {
      g.initialize((Integer) spec);
    }
    return g.generateKeyPair();
  }

  private static String csr(KeyPair subject, KeyPair signer, String algorithm) throws Exception {
    return SensorCa.pem(
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=hp"), subject.getPublic())
            .build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
  }

  @Test
  void theCaSurvivesItsStoredFormWithTheSamePinAndKey() throws Exception {
    SensorCa ca = SensorCa.generate();
    assertThat(ca.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    SensorCa reloaded = SensorCa.fromPem(ca.certificatePem(), ca.privateKeyPem());
    assertThat(reloaded.pin()).isEqualTo(ca.pin()).hasSize(43);
    assertThat(reloaded.certificate()).isEqualTo(ca.certificate());
    KeyPair sensor = keys("EC", new ECGenParameterSpec("secp256r1"));
    X509Certificate issued = reloaded.issueClient(sensor.getPublic(), "id-1", Duration.ofDays(2));
    assertThat(ca.issued(issued)).isTrue();
    assertThat(SensorCa.generate().issued(issued)).isFalse();
    assertThat(issued.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(issued.getBasicConstraints()).isEqualTo(-1);
  }

  @Test
  void theGatewayCertificateNamesTheConfiguredHostsAndChainsToTheCa() throws Exception {
    SensorCa ca = SensorCa.generate();
    SensorCa.ServerIdentity identity = ca.issueServer(List.of("gw.example", "10.0.0.7"));
    X509Certificate leaf = identity.chain()[0];
    assertThat(identity.chain()[1]).isEqualTo(ca.certificate());
    List<Object> names =
        leaf.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList();
    assertThat(names).containsExactly("gw.example", "10.0.0.7");
    leaf.verify(ca.certificate().getPublicKey());
  }

  @Test
  void certificationRequestsMustProvePossessionOfAnEcP256Key() throws Exception {
    KeyPair ec = keys("EC", new ECGenParameterSpec("secp256r1"));
    assertThat(SensorCa.parseCsr(csr(ec, ec, "SHA256withECDSA")).publicKey())
        .isEqualTo(ec.getPublic());
    KeyPair other = keys("EC", new ECGenParameterSpec("secp256r1"));
    assertThatThrownBy(() -> SensorCa.parseCsr(csr(ec, other, "SHA256withECDSA")))
        .hasMessageContaining("signature");
    KeyPair rsa = keys("RSA", 2048);
    assertThatThrownBy(() -> SensorCa.parseCsr(csr(rsa, rsa, "SHA256withRSA")))
        .hasMessageContaining("P-256");
    KeyPair p384 = keys("EC", new ECGenParameterSpec("secp384r1"));
    assertThatThrownBy(() -> SensorCa.parseCsr(csr(p384, p384, "SHA256withECDSA")))
        .hasMessageContaining("P-256");
    assertThatThrownBy(() -> SensorCa.parseCsr("not pem"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SensorCa.parseCsr(ec.getPublic().toString()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SensorCa.parseCsr(SensorCa.generate().certificatePem()))
        .hasMessageContaining("PKCS#10");
  }
}
