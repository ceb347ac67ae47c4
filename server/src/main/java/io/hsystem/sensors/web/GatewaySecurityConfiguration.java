package io.hsystem.sensors.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The gateway's own security filter chain, ahead of the API's: no bearer tokens, no sessions, no
 * CSRF (no cookies). Sensors are authenticated by the gateway façade — enrollment token or client
 * certificate — and every gateway endpoint declares so with {@code @PublicEndpoint}.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain sensorGateway(HttpSecurity http) throws Exception {
    http.securityMatcher(GatewayPortFilter.PREFIX + "/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .anonymous(a -> {})
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
    return http.build();
  }
}
