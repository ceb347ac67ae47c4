package io.hsystem.sensors;

import io.hsystem.sensors.internal.CaStore;
import io.hsystem.sensors.internal.ConfigCodec;
import io.hsystem.sensors.internal.FailureLimiter;
import io.hsystem.sensors.internal.SensorCa;
import io.hsystem.sensors.internal.SensorRepository;
import io.hsystem.shared.DataDirectory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** The sensor CA (loaded or created at start), the gateway listener and small helpers. */
@Configuration(proxyBeanMethods = false)
class SensorsConfiguration {

  @Bean
  SensorCa sensorCa(
      SensorRepository repository, Environment environment, DataDirectory data, Clock clock) {
    // the same variable that decrypts ENC(...) configuration values
    return CaStore.loadOrCreate(
        repository, environment.getProperty("HSYSTEM_MASTER_KEY"), data, clock);
  }

  @Bean
  GatewayListener gatewayListener(SensorsProperties properties, SensorCa ca) {
    return new GatewayListener(properties, ca);
  }

  @Bean
  ConfigCodec sensorConfigCodec(JsonMapper json) {
    return new ConfigCodec(json);
  }

  @Bean
  FailureLimiter enrollmentFailureLimiter(SensorsProperties properties, Clock clock) {
    return new FailureLimiter(
        properties.enrollmentFailuresPerIp(), properties.enrollmentFailureWindow(), clock);
  }
}
