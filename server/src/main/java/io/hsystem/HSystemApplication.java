package io.hsystem;

import io.hsystem.secrets.SecretCipher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * H-System server. {@code java -jar hsystem-server.jar} starts the platform (under its launcher,
 * which restarts it into updates; {@code HSYSTEM_LAUNCHER=off} runs it directly); {@code java -jar
 * hsystem-server.jar encrypt} reads a value on standard input and prints it as {@code ENC(...)}
 * under {@code HSYSTEM_MASTER_KEY}, for the configuration file.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HSystemApplication {

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("encrypt")) {
      encrypt();
      return;
    }
    java.nio.file.Path ownJar = ownJar();
    if (io.hsystem.system.Launcher.wanted(ownJar)) {
      System.exit(io.hsystem.system.Launcher.run(ownJar, args));
    }
    io.hsystem.system.Launcher.watchParent();
    SpringApplication.run(HSystemApplication.class, args);
  }

  /** The jar this runs from, or null when run from classes (tests, an IDE). */
  private static java.nio.file.Path ownJar() {
    java.io.File source =
        new org.springframework.boot.system.ApplicationHome(HSystemApplication.class).getSource();
    return source != null && source.isFile() && source.getName().endsWith(".jar")
        ? source.toPath().toAbsolutePath()
        : null;
  }

  /** Reads the secret from stdin, not from the command line, where `ps` would show it. */
  private static void encrypt() throws Exception {
    String key = System.getenv("HSYSTEM_MASTER_KEY");
    if (key == null || key.isBlank()) {
      System.err.println("set HSYSTEM_MASTER_KEY first");
      System.exit(2);
    }
    var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String value = in.readLine();
    if (value == null || value.isEmpty()) {
      System.err.println("give the value to encrypt on standard input");
      System.exit(2);
    }
    System.out.println(new SecretCipher(key).encrypt(value));
  }
}
