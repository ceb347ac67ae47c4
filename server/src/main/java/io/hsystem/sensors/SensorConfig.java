package io.hsystem.sensors;

import java.util.List;

/**
 * The service configuration the server holds for a sensor.
 *
 * @param version bumped at every change; 0 means never set, the sensor keeps its local defaults
 * @param services the services to run
 */
public record SensorConfig(long version, List<ServiceConfig> services) {}
