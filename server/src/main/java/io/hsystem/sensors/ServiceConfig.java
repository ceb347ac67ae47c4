package io.hsystem.sensors;

import java.util.Map;

/**
 * One honeypot service as the server wants a sensor to run it.
 *
 * @param name one of {@code hsystem.sensors.service-names} ({@code ssh}, {@code http}, …)
 * @param enabled false keeps the entry but stops the service
 * @param port TCP port, 1–65535, unique within the sensor
 * @param banner what the service announces (version string, greeting), or null for its default
 * @param options service-specific settings, passed to the sensor verbatim
 */
public record ServiceConfig(
    String name, boolean enabled, int port, String banner, Map<String, Object> options) {}
