package io.hsystem.sensor.config;

import java.util.List;

/** The sensor configuration is unusable; {@link #problems()} lists every problem found, by path. */
public final class InvalidConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public InvalidConfigException(List<String> problems) {
    super("invalid sensor configuration: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One entry per problem, each starting with the field path, e.g. {@code services[0].port}. */
  public List<String> problems() {
    return problems;
  }
}
