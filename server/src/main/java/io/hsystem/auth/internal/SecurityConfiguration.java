package io.hsystem.auth.internal;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.hsystem.auth.AuthProperties;
import io.hsystem.shared.CommonProblem;
import io.hsystem.shared.DataDirectory;
import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.RequirePermission;
import io.hsystem.shared.web.ProblemResponses;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.crypto.SecretKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security: every {@code /api/**} request needs a valid, unrevoked access
 * token except login and refresh; each endpoint's permission is checked by {@link
 * RequirePermission}. Refusals are answered as problem+json.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(HttpSecurity http, ProblemResponses problems, SessionUsers sessionUsers)
      throws Exception {
    http.csrf(csrf -> csrf.disable()) // bearer tokens only, no cookies: nothing to forge
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .headers(Customizer.withDefaults())
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/api/v1/auth/login",
                        "/api/v1/auth/refresh",
                        "/api/v1/ingest/events",
                        "/api/v1/ws",
                        "/api/v1/openapi.json",
                        "/api/v1/openapi.json/**")
                    .permitAll()
                    .requestMatchers("/api/**")
                    .authenticated()
                    .anyRequest()
                    .permitAll())
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new SessionConverter(sessionUsers)))
                    .authenticationEntryPoint(
                        (request, response, e) -> {
                          response.setHeader("WWW-Authenticate", "Bearer");
                          String detail =
                              request.getHeader("Authorization") == null
                                  ? "sign in first: no access token was sent"
                                  : "the access token is invalid, expired or revoked";
                          problems.write(request, response, CommonProblem.UNAUTHENTICATED, detail);
                        })
                    .accessDeniedHandler(
                        (request, response, e) ->
                            problems.write(
                                request,
                                response,
                                CommonProblem.FORBIDDEN,
                                "your role does not allow this action")))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(
                    (request, response, e) -> {
                      response.setHeader("WWW-Authenticate", "Bearer");
                      problems.write(
                          request,
                          response,
                          CommonProblem.UNAUTHENTICATED,
                          "sign in first: no access token was sent");
                    }));
    return http.build();
  }

  @Bean
  SecretKey jwtKey(AuthProperties properties, DataDirectory data) {
    return JwtKeys.load(properties, data);
  }

  @Bean
  JwtEncoder jwtEncoder(SecretKey jwtKey) {
    return new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey));
  }

  @Bean
  JwtDecoder jwtDecoder(SecretKey jwtKey, Clock clock) {
    NimbusJwtDecoder decoder =
        NimbusJwtDecoder.withSecretKey(jwtKey).macAlgorithm(MacAlgorithm.HS256).build();
    JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
    timestamps.setClock(clock);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(Tokens.ISSUER)));
    return decoder;
  }

  @Bean
  PasswordEncoder passwordEncoder(AuthProperties properties) {
    return new DelegatingPasswordEncoder(
        "bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(properties.bcryptStrength())));
  }

  /** Turns a valid JWT into the request's user, through its session. */
  static final class SessionConverter implements Converter<Jwt, AbstractAuthenticationToken> {
    private final SessionUsers users;

    SessionConverter(SessionUsers users) {
      this.users = users;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
      CurrentUser user = users.fromJwt(jwt);
      return UsernamePasswordAuthenticationToken.authenticated(
          user, null, user.permissions().stream().map(SimpleGrantedAuthority::new).toList());
    }
  }
}
