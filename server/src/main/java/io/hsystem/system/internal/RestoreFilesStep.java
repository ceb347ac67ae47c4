package io.hsystem.system.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The first half of a restore, before any component has read a key: {@code java -jar
 * hsystem-server.jar --restore=<file>} verifies the file with {@code HSYSTEM_BACKUP_KEY} and makes
 * it the pending restore; then a pending restore's key and configuration files are put in place.
 * The database half runs once Flyway has migrated ({@link RestoreDatabaseCallback}). A backup of
 * another schema version stops the start with the reason.
 */
public class RestoreFilesStep implements EnvironmentPostProcessor, Ordered {

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after ENC(...) values are decrypted
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Path dataDir =
        Path.of(environment.getProperty("hsystem.data-dir", "./data")).toAbsolutePath().normalize();
    PendingRestore restore = new PendingRestore(dataDir);
    // --restore=<file> on the command line, or HSYSTEM_RESTORE in the environment
    String file = environment.getProperty("restore", environment.getProperty("hsystem.restore"));
    try {
      if (file != null && !file.isBlank()) {
        String key = environment.getProperty("hsystem.backup.key");
        if (key == null || key.isBlank()) {
          throw new IllegalStateException("--restore needs the backup key in HSYSTEM_BACKUP_KEY");
        }
        long max =
            environment.getProperty(
                "hsystem.backup.max-restore-bytes", Long.class, 64L * 1024 * 1024 * 1024);
        try (InputStream in = Files.newInputStream(Path.of(file))) {
          restore.stage(in, key.toCharArray(), max);
        }
      }
      if (restore.exists()) {
        restore.applyFiles(Path.of("").toAbsolutePath(), latestMigration());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("restore failed: " + e.getMessage(), e);
    }
  }

  /** The highest schema version this jar migrates to. */
  static String latestMigration() throws IOException {
    String latest = null;
    for (Resource resource :
        new PathMatchingResourcePatternResolver()
            .getResources("classpath*:db/migration/V*__*.sql")) {
      String name = resource.getFilename();
      if (name == null) {
        continue;
      }
      String version = name.substring(1, name.indexOf("__")).replace('_', '.');
      if (latest == null || compare(version, latest) > 0) {
        latest = version;
      }
    }
    return latest;
  }

  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      java.math.BigInteger p = new java.math.BigInteger(i < x.length ? x[i] : "0");
      java.math.BigInteger q = new java.math.BigInteger(i < y.length ? y[i] : "0");
      int c = p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
