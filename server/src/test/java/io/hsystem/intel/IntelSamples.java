package io.hsystem.intel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample import files under {@code src/test/resources/intel}. */
public final class IntelSamples {

  private IntelSamples() {}

  public static String text(String path) {
    try (InputStream in = IntelSamples.class.getResourceAsStream("/intel/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource intel/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
