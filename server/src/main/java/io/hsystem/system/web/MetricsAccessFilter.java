package io.hsystem.system.web;

import io.hsystem.shared.CommonProblem;
import io.hsystem.shared.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may scrape {@code /actuator/prometheus}: with {@code HSYSTEM_METRICS_TOKEN} set, callers
 * sending it as a bearer token (Prometheus' {@code authorization} setting); without it, only this
 * machine (a Prometheus or exporter beside the server).
 */
@Component
class MetricsAccessFilter extends OncePerRequestFilter {

  private final byte[] token;
  private final ProblemResponses problems;

  MetricsAccessFilter(@Value("${hsystem.metrics.token:}") String token, ProblemResponses problems) {
    this.token = token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/actuator/prometheus");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (token != null) {
      String header = request.getHeader("Authorization");
      byte[] sent =
          header != null && header.startsWith("Bearer ")
              ? header.substring(7).getBytes(StandardCharsets.UTF_8)
              : new byte[0];
      if (!MessageDigest.isEqual(sent, token)) {
        problems.write(
            request,
            response,
            CommonProblem.UNAUTHENTICATED,
            "send the metrics token (HSYSTEM_METRICS_TOKEN) as a bearer token");
        return;
      }
    } else if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
      problems.write(
          request,
          response,
          CommonProblem.FORBIDDEN,
          "metrics are served to this machine only unless HSYSTEM_METRICS_TOKEN is set");
      return;
    }
    chain.doFilter(request, response);
  }
}
