package io.hsystem.auth.internal;

import io.hsystem.auth.AuthProperties;
import io.hsystem.shared.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HS256 signing key: from configuration when given (possibly {@code ENC(...)}), otherwise
 * generated once and kept, readable by the owner only, in {@code <data>/keys/jwt-hs256.key}.
 */
public final class JwtKeys {

  private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);
  private static final int KEY_BYTES = 32;

  private JwtKeys() {}

  public static SecretKey load(AuthProperties properties, DataDirectory data) {
    if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
      byte[] key = Base64.getDecoder().decode(properties.jwtSecret().trim());
      if (key.length < KEY_BYTES) {
        throw new IllegalStateException("hsystem.auth.jwt-secret must decode to at least 32 bytes");
      }
      return new SecretKeySpec(key, "HmacSHA256");
    }
    Path file = data.resolve("keys").resolve("jwt-hs256.key");
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
          return read(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        log.info("generated a JWT signing key in {}", file);
      }
      return read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the JWT key " + file, e);
    }
  }

  private static SecretKey read(Path file) throws IOException {
    byte[] key =
        Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    return new SecretKeySpec(key, "HmacSHA256");
  }
}
