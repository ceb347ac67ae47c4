package io.hsystem.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The data folder ({@code HSYSTEM_DATA_DIR}, default {@code ./data}): embedded database, generated
 * keys and, later, the event store live under it.
 */
@Component
public class DataDirectory {

  private final Path root;

  public DataDirectory(@Value("${hsystem.data-dir:./data}") String dir) {
    this.root = Path.of(dir).toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  /** A sub-folder of the data folder, created when missing. */
  public Path resolve(String name) {
    Path path = root.resolve(name);
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + path, e);
    }
    return path;
  }

  /**
   * A random 256-bit key (base64) kept in {@code <data>/keys/<name>}, created owner-only on first
   * use: what encrypts stored secrets when {@code HSYSTEM_MASTER_KEY} is not set.
   *
   * @param purpose what the key protects, for the log line when it is created
   */
  public String generatedKey(String name, String purpose) {
    Path file = resolve("keys").resolve(name);
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
          return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
        LoggerFactory.getLogger(DataDirectory.class)
            .info("HSYSTEM_MASTER_KEY is not set: generated a key for {} in {}", purpose, file);
      }
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key " + file, e);
    }
  }
}
