package io.hsystem.system.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An update package: a ZIP of {@code manifest.json} (product, version, notes, and the SHA-256 and
 * size of every artifact), {@code manifest.sig} (the Ed25519 signature of the manifest's exact
 * bytes, base64) and the artifacts themselves ({@code hsystem-server.jar}). Only a manifest signed
 * by the configured public key is believed; the artifacts are trusted through their hashes in it.
 * An update server serves the same manifest and signature as {@code manifest.json} and {@code
 * manifest.json.sig}, with the artifacts beside them.
 */
public final class UpdatePackage {

  public static final String PRODUCT = "H-System";
  public static final String MANIFEST = "manifest.json";
  public static final String SIGNATURE = "manifest.sig";
  public static final String SERVER_JAR = "hsystem-server.jar";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private UpdatePackage() {}

  /** Why a package or manifest is refused. */
  public enum Refusal {
    NOT_A_PACKAGE,
    UNSIGNED,
    BAD_SIGNATURE,
    WRONG_PRODUCT,
    NOT_NEWER,
    TAMPERED
  }

  public static final class RefusedException extends Exception {
    private final Refusal refusal;

    RefusedException(Refusal refusal, String message) {
      super(message);
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  /** A manifest whose signature verified. */
  public record Manifest(
      String product,
      String version,
      Instant publishedAt,
      String releaseNotes,
      Map<String, String> sha256,
      Map<String, Long> sizes,
      byte[] bytes) {

    public long totalSize() {
      return sizes.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Checks a manifest's signature, product and version.
   *
   * @param currentVersion this installation's version; the manifest's must be newer
   */
  public static Manifest verifyManifest(
      byte[] manifest, byte[] signature, PublicKey key, String currentVersion)
      throws RefusedException {
    if (signature == null || signature.length == 0) {
      throw new RefusedException(Refusal.UNSIGNED, "the update is not signed");
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(manifest);
      byte[] raw =
          Base64.getMimeDecoder().decode(new String(signature, StandardCharsets.US_ASCII).trim());
      if (!verifier.verify(raw)) {
        throw new RefusedException(
            Refusal.BAD_SIGNATURE, "the update's signature does not verify with the trusted key");
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new RefusedException(
          Refusal.BAD_SIGNATURE, "the update's signature does not verify with the trusted key");
    }
    JsonNode node;
    try {
      node = JSON.readTree(manifest);
    } catch (RuntimeException e) {
      throw new RefusedException(Refusal.NOT_A_PACKAGE, "the update's manifest is not JSON");
    }
    String product = node.path("product").asString("");
    if (!PRODUCT.equals(product)) {
      throw new RefusedException(
          Refusal.WRONG_PRODUCT, "the update is for \"" + product + "\", not " + PRODUCT);
    }
    String version = node.path("version").asString("");
    if (!Versions.isValid(version)) {
      throw new RefusedException(Refusal.NOT_A_PACKAGE, "the update's version is not valid");
    }
    if (Versions.compare(version, currentVersion) <= 0) {
      throw new RefusedException(
          Refusal.NOT_NEWER,
          "the update's version " + version + " is not newer than " + currentVersion);
    }
    Map<String, String> hashes = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (JsonNode artifact : node.path("artifacts")) {
      hashes.put(artifact.path("name").asString(), artifact.path("sha256").asString());
      sizes.put(artifact.path("name").asString(), artifact.path("size").asLong());
    }
    if (!hashes.containsKey(SERVER_JAR)) {
      throw new RefusedException(Refusal.NOT_A_PACKAGE, "the update has no server jar");
    }
    Instant published = null;
    try {
      published = Instant.parse(node.path("published_at").asString());
    } catch (RuntimeException ignored) {
      // optional
    }
    return new Manifest(
        product,
        version,
        published,
        node.path("release_notes").asString(""),
        hashes,
        sizes,
        manifest);
  }

  /**
   * Verifies a package file completely and extracts its server jar to {@code jarTarget}.
   *
   * @return the verified manifest
   */
  public static Manifest verifyPackage(
      Path packageFile, PublicKey key, String currentVersion, Path jarTarget)
      throws RefusedException, IOException {
    try (ZipFile zip = new ZipFile(packageFile.toFile())) {
      ZipEntry manifestEntry = zip.getEntry(MANIFEST);
      if (manifestEntry == null) {
        throw new RefusedException(Refusal.NOT_A_PACKAGE, "not an H-System update package");
      }
      ZipEntry signatureEntry = zip.getEntry(SIGNATURE);
      byte[] manifestBytes = read(zip, manifestEntry, 1 << 20);
      byte[] signature = signatureEntry == null ? null : read(zip, signatureEntry, 4096);
      Manifest manifest = verifyManifest(manifestBytes, signature, key, currentVersion);
      ZipEntry jar = zip.getEntry(SERVER_JAR);
      if (jar == null) {
        throw new RefusedException(Refusal.TAMPERED, "the package lacks " + SERVER_JAR);
      }
      Files.createDirectories(jarTarget.getParent());
      MessageDigest sha = sha256();
      try (InputStream in = zip.getInputStream(jar);
          OutputStream out = Files.newOutputStream(jarTarget)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
          sha.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
      }
      String actual = HexFormat.of().formatHex(sha.digest());
      if (!actual.equalsIgnoreCase(manifest.sha256().get(SERVER_JAR))) {
        Files.deleteIfExists(jarTarget);
        throw new RefusedException(
            Refusal.TAMPERED, "the server jar does not match the signed manifest's SHA-256");
      }
      return manifest;
    } catch (java.util.zip.ZipException e) {
      throw new RefusedException(Refusal.NOT_A_PACKAGE, "not an H-System update package");
    }
  }

  /** Checks a downloaded artifact against the manifest's hash. */
  public static void verifyArtifact(Manifest manifest, String name, Path file)
      throws RefusedException, IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
      }
    }
    if (!HexFormat.of().formatHex(sha.digest()).equalsIgnoreCase(manifest.sha256().get(name))) {
      throw new RefusedException(
          Refusal.TAMPERED, name + " does not match the signed manifest's SHA-256");
    }
  }

  /**
   * Builds and signs a package (the release tool; tests build theirs with it too).
   *
   * @param privateKey Ed25519 private key
   */
  public static void build(
      Path serverJar,
      String version,
      String releaseNotes,
      Instant publishedAt,
      PrivateKey privateKey,
      Path target)
      throws IOException, GeneralSecurityException {
    byte[] manifest = manifestFor(serverJar, version, releaseNotes, publishedAt, PRODUCT);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(manifest);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(SIGNATURE));
      zip.write(sign(manifest, privateKey).getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(SERVER_JAR));
      Files.copy(serverJar, zip);
      zip.closeEntry();
    }
  }

  /** The manifest bytes for a jar. */
  public static byte[] manifestFor(
      Path serverJar, String version, String releaseNotes, Instant publishedAt, String product)
      throws IOException {
    MessageDigest sha = sha256();
    sha.update(Files.readAllBytes(serverJar));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("product", product);
    manifest.put("version", version);
    manifest.put("published_at", publishedAt.toString());
    manifest.put("release_notes", releaseNotes);
    manifest.put(
        "artifacts",
        List.of(
            Map.of(
                "name",
                SERVER_JAR,
                "sha256",
                HexFormat.of().formatHex(sha.digest()),
                "size",
                Files.size(serverJar))));
    return JSON.writeValueAsBytes(manifest);
  }

  /** The base64 Ed25519 signature of the bytes. */
  public static String sign(byte[] bytes, PrivateKey key) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(key);
    signer.update(bytes);
    return Base64.getEncoder().encodeToString(signer.sign());
  }

  /** Reads a public key given as base64 of its X.509 SubjectPublicKeyInfo (or PEM). */
  public static PublicKey publicKey(String text) throws GeneralSecurityException {
    String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  /** Reads a private key given as base64 of PKCS#8 (or PEM). */
  public static PrivateKey privateKey(String text) throws GeneralSecurityException {
    String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static byte[] read(ZipFile zip, ZipEntry entry, int max) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw new IOException(entry.getName() + " is too large");
      }
      return bytes;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
