package io.hsystem.intel;

import io.hsystem.intel.internal.IocRepository;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The matcher over the stored indicators, loaded before the application takes events. */
@Configuration(proxyBeanMethods = false)
class IntelConfiguration {

  @Bean(destroyMethod = "close")
  IocMatcher iocMatcher(IocRepository repository, IntelProperties properties, Clock clock) {
    IocMatcher matcher =
        new IocMatcher(
            () -> repository.findActive(clock.instant()), clock, properties.refreshInterval());
    matcher.refresh();
    return matcher;
  }
}
