package io.hsystem.sensor.shipper;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a sensor keeps after enrollment, in its state folder: its id, the server, its private key
 * ({@code sensor.key}), its client certificate ({@code sensor.crt}) and the sensor CA ({@code
 * ca.crt}). Files are written owner-only (0600) in an owner-only folder.
 *
 * @param heartbeatInterval the interval the server asked for at enrollment
 */
public record Credentials(
    String sensorId,
    URI server,
    String pin,
    PrivateKey key,
    X509Certificate certificate,
    X509Certificate caCertificate,
    Duration heartbeatInterval) {

  static final String STATE_FILE = "sensor.json";
  static final String KEY_FILE = "sensor.key";
  static final String CERT_FILE = "sensor.crt";
  static final String CA_FILE = "ca.crt";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The credentials stored in {@code stateDir}, if the sensor was enrolled. */
  public static Optional<Credentials> load(Path stateDir) throws IOException {
    Path state = stateDir.resolve(STATE_FILE);
    if (!Files.exists(state)) {
      return Optional.empty();
    }
    JsonNode node = JSON.readTree(Files.readString(state));
    return Optional.of(
        new Credentials(
            node.path("sensor_id").asString(),
            URI.create(node.path("server").asString()),
            node.path("pin").asString(),
            readKey(Files.readString(stateDir.resolve(KEY_FILE))),
            readCertificate(Files.readString(stateDir.resolve(CERT_FILE))),
            readCertificate(Files.readString(stateDir.resolve(CA_FILE))),
            Duration.ofSeconds(node.path("heartbeat_interval_seconds").asLong(15))));
  }

  /** Writes the credentials, owner-only; {@code sensor.json} last, so a torn save is no save. */
  void save(Path stateDir) throws IOException {
    ownerOnlyDirectory(stateDir);
    try {
      writeOwnerOnly(stateDir.resolve(KEY_FILE), pem(new JcaPKCS8Generator(key, null)));
    } catch (PemGenerationException e) {
      throw new IOException("cannot encode the private key", e);
    }
    writeOwnerOnly(stateDir.resolve(CERT_FILE), pem(certificate));
    writeOwnerOnly(stateDir.resolve(CA_FILE), pem(caCertificate));
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("sensor_id", sensorId);
    state.put("server", server.toString());
    state.put("pin", pin);
    state.put("heartbeat_interval_seconds", heartbeatInterval.toSeconds());
    writeOwnerOnly(stateDir.resolve(STATE_FILE), JSON.writeValueAsString(state));
  }

  /** The same credentials for another server address (the gateway moved; the CA did not). */
  Credentials withServer(URI newServer) {
    return new Credentials(
        sensorId, newServer, pin, key, certificate, caCertificate, heartbeatInterval);
  }

  static void ownerOnlyDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }

  /** Writes a file readable and writable by its owner only, atomically replacing an old one. */
  static void writeOwnerOnly(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot create " + tmp, e);
    }
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static String pem(Object object) {
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

  static X509Certificate readCertificate(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      if (!(parser.readObject() instanceof X509CertificateHolder holder)) {
        throw new IOException("not a PEM certificate");
      }
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read a certificate", e);
    }
  }

  static PrivateKey readKey(String pem) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (object instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
      throw new IOException("not a PEM private key");
    }
  }

  @Override
  public String toString() {
    return "Credentials[sensorId=" + sensorId + ", server=" + server + "]"; // never the key
  }
}
