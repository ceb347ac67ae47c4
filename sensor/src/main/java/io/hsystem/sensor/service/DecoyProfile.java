package io.hsystem.sensor.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

/**
 * The fake machine behind the decoys — hostname, kernel build, addresses — drawn from a random seed
 * kept in the data dir. Each deployment looks different (a fixed fake hostname gives a honeypot
 * away), and a restart keeps looking the same.
 */
final class DecoyProfile {

  private static final String[] HOSTS = {
    "web", "app", "db", "backup", "gitlab", "jenkins", "nas", "files", "erp", "crm", "mail", "dev"
  };
  private static final String[] SUFFIXES = {
    "01", "02", "03", "-prod", "-srv", "-node1", "-bj", "-sh"
  };

  final String hostname;
  final String kernel;
  final String mac;
  final String ip;
  final int uptimeDays;
  final long seed;

  private DecoyProfile(long seed) {
    this.seed = seed;
    Random r = new Random(seed);
    this.hostname = HOSTS[r.nextInt(HOSTS.length)] + SUFFIXES[r.nextInt(SUFFIXES.length)];
    this.kernel = "5.15.0-" + (60 + r.nextInt(60)) + "-generic";
    this.mac =
        String.format("52:54:00:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256));
    this.ip = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (10 + r.nextInt(200));
    this.uptimeDays = 3 + r.nextInt(200);
  }

  /** The profile of the deployment whose state lives in {@code dataDir}, created on first use. */
  static DecoyProfile load(Path dataDir) {
    Path file = dataDir.resolve("decoy-seed");
    try {
      if (Files.isRegularFile(file)) {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        return new DecoyProfile(Long.parseUnsignedLong(text, 16));
      }
      Files.createDirectories(dataDir);
      long seed = new SecureRandom().nextLong();
      Files.writeString(file, HexFormat.of().toHexDigits(seed) + "\n", StandardCharsets.US_ASCII);
      return new DecoyProfile(seed);
    } catch (IOException | NumberFormatException e) {
      throw new UncheckedIOException(
          "cannot read or create " + file, e instanceof IOException io ? io : new IOException(e));
    }
  }
}
