package io.hsystem.shared;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Server logs: a rotating file under {@code <data>/logs} beside the console, and JSON lines
 * (Elastic Common Schema) instead of text when {@code HSYSTEM_LOG_FORMAT=json}. Runs before the
 * logging system starts; Spring's own {@code logging.*} settings still win when given.
 */
public class LoggingEnvironment implements EnvironmentPostProcessor, Ordered {

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new HashMap<>();
    String file = environment.getProperty("hsystem.log.file");
    if (file == null) {
      file = environment.getProperty("hsystem.data-dir", "./data") + "/logs/hsystem.log";
    }
    if (!file.isBlank() && !file.equals("-")) {
      defaults.put("logging.file.name", file);
    }
    defaults.put(
        "logging.logback.rollingpolicy.max-file-size",
        environment.getProperty("hsystem.log.max-file-size", "50MB"));
    defaults.put(
        "logging.logback.rollingpolicy.max-history",
        environment.getProperty("hsystem.log.max-history", "14"));
    defaults.put("logging.logback.rollingpolicy.total-size-cap", "2GB");
    String format = environment.getProperty("hsystem.log.format", "text").toLowerCase(Locale.ROOT);
    switch (format) {
      case "json" -> {
        defaults.put("logging.structured.format.console", "ecs");
        defaults.put("logging.structured.format.file", "ecs");
      }
      case "text" -> {
        // Spring's pattern layout
      }
      default ->
          throw new IllegalArgumentException(
              "hsystem.log.format (HSYSTEM_LOG_FORMAT) must be text or json, not " + format);
    }
    environment.getPropertySources().addLast(new MapPropertySource("hsystem-logging", defaults));
  }
}
