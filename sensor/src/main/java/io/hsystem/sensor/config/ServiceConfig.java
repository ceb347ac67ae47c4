package io.hsystem.sensor.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One decoy service.
 *
 * @param name one of {@link #NAMES}
 * @param enabled whether it is bound
 * @param port TCP port; 0 picks a free port (tests)
 * @param banner what the service announces: the SSH identification string, the FTP greeting, the
 *     MySQL or Redis version, the generic service's banner; null for the service's default
 * @param options service-specific settings (see {@link #OPTIONS}), e.g. {@code template} and {@code
 *     template_dir} for http, {@code hostname} for the fake shells, {@code server_header}
 * @param credentials credentials that open the fake shell (ssh, telnet); empty means none do
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceConfig(
    @JsonProperty("name") String name,
    @JsonProperty("enabled") boolean enabled,
    @JsonProperty("port") int port,
    @JsonProperty("banner") String banner,
    @JsonProperty("options") Map<String, String> options,
    @JsonProperty("credentials") List<Credential> credentials) {

  /** The services a sensor knows. */
  public static final List<String> NAMES =
      List.of("ssh", "telnet", "http", "ftp", "mysql", "redis", "generic");

  /** The option names each service understands. */
  public static final Map<String, Set<String>> OPTIONS =
      Map.of(
          "ssh", Set.of("hostname"),
          "telnet", Set.of("hostname"),
          "http", Set.of("template", "template_dir", "server_header"),
          "ftp", Set.of(),
          "mysql", Set.of(),
          "redis", Set.of(),
          "generic", Set.of());

  /** Login page templates shipped in the jar. */
  public static final Set<String> HTTP_TEMPLATES = Set.of("router", "oa");

  public ServiceConfig {
    options = options == null ? Map.of() : Map.copyOf(options);
    credentials = credentials == null ? List.of() : List.copyOf(credentials);
  }

  /** The default for one service: enabled, on its single-server high port. */
  public static ServiceConfig defaults(String name) {
    return switch (name) {
      case "ssh" ->
          new ServiceConfig(
              name,
              true,
              2222,
              "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6",
              Map.of(),
              List.of(new Credential("root", "123456"), new Credential("admin", "admin")));
      case "telnet" ->
          new ServiceConfig(
              name,
              true,
              2323,
              "Ubuntu 22.04.4 LTS",
              Map.of(),
              List.of(new Credential("root", "123456"), new Credential("admin", "admin")));
      case "http" ->
          new ServiceConfig(
              name,
              true,
              8080,
              null,
              Map.of("template", "router", "server_header", "nginx/1.18.0"),
              List.of());
      case "ftp" -> new ServiceConfig(name, true, 2121, "220 (vsFTPd 3.0.5)", Map.of(), List.of());
      case "mysql" -> new ServiceConfig(name, true, 3307, "5.7.44-log", Map.of(), List.of());
      case "redis" -> new ServiceConfig(name, true, 6380, "6.2.14", Map.of(), List.of());
      case "generic" -> new ServiceConfig(name, true, 5901, "RFB 003.008\n", Map.of(), List.of());
      default -> throw new IllegalArgumentException("unknown service: " + name);
    };
  }

  public ServiceConfig withPort(int newPort) {
    return new ServiceConfig(name, enabled, newPort, banner, options, credentials);
  }

  public ServiceConfig withEnabled(boolean on) {
    return new ServiceConfig(name, on, port, banner, options, credentials);
  }

  public ServiceConfig withBanner(String newBanner) {
    return new ServiceConfig(name, enabled, port, newBanner, options, credentials);
  }

  public ServiceConfig withCredentials(List<Credential> accepted) {
    return new ServiceConfig(name, enabled, port, banner, options, accepted);
  }

  /** This configuration with one option set (null removes it). */
  public ServiceConfig withOption(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(options);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return new ServiceConfig(name, enabled, port, banner, copy, credentials);
  }

  /** An option's value, or the fallback. */
  public String option(String key, String fallback) {
    String value = options.get(key);
    return value == null || value.isBlank() ? fallback : value;
  }

  void validate(String path, List<String> problems) {
    if (name == null || !NAMES.contains(name)) {
      problems.add(path + ".name: '" + name + "' is not one of " + NAMES);
      return;
    }
    if (port < 0 || port > 65_535) {
      problems.add(path + ".port: " + port + " is not between 0 and 65535");
    }
    if (banner != null && banner.length() > 512) {
      problems.add(path + ".banner: longer than 512 characters");
    }
    for (String key : options.keySet()) {
      if (!OPTIONS.get(name).contains(key)) {
        problems.add(
            path
                + ".options."
                + key
                + ": unknown for "
                + name
                + " (known: "
                + OPTIONS.get(name)
                + ")");
      }
    }
    for (int i = 0; i < credentials.size(); i++) {
      Credential c = credentials.get(i);
      if (c == null || c.username() == null || c.username().isEmpty() || c.password() == null) {
        problems.add(path + ".credentials[" + i + "]: username and password are required");
      }
    }
    if (!credentials.isEmpty() && !name.equals("ssh") && !name.equals("telnet")) {
      problems.add(path + ".credentials: only ssh and telnet have a fake shell");
    }
    switch (name) {
      case "ssh" -> {
        if (banner != null && !banner.matches("SSH-2\\.0-[\\x21-\\x7e]+( [\\x20-\\x7e]*)?")) {
          problems.add(
              path
                  + ".banner: must look like 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6' (printable)");
        }
      }
      case "http" -> {
        String template = option("template", "router");
        String dir = options.get("template_dir");
        if (dir != null) {
          Path file = Path.of(dir).resolve(template + ".html");
          if (!Files.isRegularFile(file)) {
            problems.add(path + ".options.template_dir: " + file + " does not exist");
          }
        } else if (!HTTP_TEMPLATES.contains(template)) {
          problems.add(
              path + ".options.template: '" + template + "' is not one of " + HTTP_TEMPLATES);
        }
      }
      case "mysql" -> {
        if (banner != null && !banner.matches("[0-9][\\x21-\\x7e]{0,59}")) {
          problems.add(path + ".banner: a MySQL version such as '5.7.44-log' is expected");
        }
      }
      case "redis" -> {
        if (banner != null && !banner.matches("[0-9]+(\\.[0-9]+){1,3}")) {
          problems.add(path + ".banner: a Redis version such as '6.2.14' is expected");
        }
      }
      default -> {}
    }
  }
}
