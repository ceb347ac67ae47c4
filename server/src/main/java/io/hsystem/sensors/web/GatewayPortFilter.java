package io.hsystem.sensors.web;

import io.hsystem.sensors.GatewayListener;
import io.hsystem.shared.CommonProblem;
import io.hsystem.shared.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the two listeners apart: gateway paths answer only on the gateway's TLS port, and the
 * gateway port answers only gateway paths. Anything else is a 404, as if it did not exist. Runs
 * before Spring Security, so neither side's authentication ever sees the other side's requests.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class GatewayPortFilter extends OncePerRequestFilter {

  static final String PREFIX = "/api/v1/sensor-gateway";

  private final GatewayListener gateway;
  private final ProblemResponses problems;

  GatewayPortFilter(GatewayListener gateway, ProblemResponses problems) {
    this.gateway = gateway;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    int port = gateway.port();
    boolean onGateway = port > 0 && request.getLocalPort() == port;
    String path = request.getRequestURI();
    boolean gatewayPath = path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    if (onGateway != gatewayPath) {
      problems.write(request, response, CommonProblem.NOT_FOUND, "no such endpoint");
      return;
    }
    chain.doFilter(request, response);
  }
}
