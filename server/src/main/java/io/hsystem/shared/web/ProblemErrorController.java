package io.hsystem.shared.web;

import io.hsystem.shared.CommonProblem;
import io.hsystem.shared.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside Spring MVC (container errors, filters) in the same problem shape
 * instead of Boot's default error page.
 */
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  @io.hsystem.shared.security.PublicEndpoint("renders container errors; carries no data")
  ResponseEntity<Object> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    ProblemType type =
        switch (status) {
          case 400 -> CommonProblem.MALFORMED_BODY;
          case 401 -> CommonProblem.UNAUTHENTICATED;
          case 403 -> CommonProblem.FORBIDDEN;
          case 404 -> CommonProblem.NOT_FOUND;
          case 405 -> CommonProblem.METHOD_NOT_ALLOWED;
          case 413 -> CommonProblem.PAYLOAD_TOO_LARGE;
          case 415 -> CommonProblem.UNSUPPORTED_MEDIA_TYPE;
          default -> CommonProblem.INTERNAL;
        };
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return ResponseEntity.status(type.status())
        .contentType(ProblemResponses.PROBLEM_JSON)
        .body(
            ProblemResponses.body(
                type, null, uri == null ? null : uri.toString(), List.of(), Map.of()));
  }
}
