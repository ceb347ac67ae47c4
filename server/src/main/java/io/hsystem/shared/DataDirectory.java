package io.hsystem.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
