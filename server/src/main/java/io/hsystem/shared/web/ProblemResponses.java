package io.hsystem.shared.web;

import io.hsystem.shared.FieldProblem;
import io.hsystem.shared.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem bodies: {@code type, title, status, detail, instance, code, request_id}
 * plus {@code errors} (field problems) and problem-specific members. The one place that decides the
 * error shape, for controllers and for filters alike.
 */
@Component
public class ProblemResponses {

  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private final JsonMapper json;

  public ProblemResponses(JsonMapper json) {
    this.json = json;
  }

  public static Map<String, Object> body(
      ProblemType type,
      String detail,
      String instance,
      List<FieldProblem> errors,
      Map<String, Object> properties) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:hsystem:problem:" + type.code());
    body.put("title", type.title());
    body.put("status", type.status());
    if (detail != null) {
      body.put("detail", detail);
    }
    if (instance != null) {
      body.put("instance", instance);
    }
    body.put("code", type.code());
    String requestId = MDC.get(RequestIdFilter.MDC_KEY);
    if (requestId != null) {
      body.put("request_id", requestId);
    }
    if (errors != null && !errors.isEmpty()) {
      body.put("errors", errors);
    }
    if (properties != null) {
      body.putAll(properties);
    }
    return body;
  }

  public static ResponseEntity<Object> entity(
      ProblemType type,
      String detail,
      HttpServletRequest request,
      List<FieldProblem> errors,
      Map<String, Object> properties) {
    var response = ResponseEntity.status(type.status()).contentType(PROBLEM_JSON);
    if (properties != null && properties.get("retry_after") != null) {
      response.header("Retry-After", properties.get("retry_after").toString());
    }
    return response.body(body(type, detail, request.getRequestURI(), errors, properties));
  }

  /** Writes a problem straight to the response, for filters that run before Spring MVC. */
  public void write(
      HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(type.status());
    response.setContentType(PROBLEM_JSON.toString());
    response.setCharacterEncoding("UTF-8");
    json.writeValue(
        response.getOutputStream(),
        body(type, detail, request.getRequestURI(), List.of(), Map.of()));
    response.flushBuffer();
  }
}
