package io.hsystem.audit;

import io.hsystem.shared.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/** Appends an audit entry after each call of an {@link Audited} handler, whatever its outcome. */
class AuditInterceptor implements HandlerInterceptor {

  private final AuditLog auditLog;

  AuditInterceptor(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    if (!(handler instanceof HandlerMethod method)) {
      return;
    }
    Audited audited = method.getMethodAnnotation(Audited.class);
    if (audited == null || audited.recordedByService()) {
      return;
    }
    RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
    String target = attrs == null ? null : AuditContext.target(attrs);
    if (target == null) {
      target = pathId(request);
    }
    Map<String, Object> details =
        attrs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(AuditContext.details(attrs));
    int status = response.getStatus();
    AuditOutcome outcome;
    if (status == 401 || status == 403) {
      outcome = AuditOutcome.DENIED;
    } else if (status >= 400 || ex != null) {
      outcome = AuditOutcome.FAILURE;
    } else {
      outcome = AuditOutcome.SUCCESS;
    }
    if (outcome != AuditOutcome.SUCCESS) {
      details.put("status", status);
    }
    details.put("method", request.getMethod());
    details.put("path", request.getRequestURI());
    CurrentUser user = CurrentUser.get().orElse(null);
    auditLog.record(
        new AuditEntry(
            user == null ? null : user.id(),
            user == null ? null : user.username(),
            request.getRemoteAddr(),
            audited.action(),
            audited.targetType().isEmpty() ? null : audited.targetType(),
            target,
            outcome,
            details));
  }

  private static String pathId(HttpServletRequest request) {
    Object vars = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (vars instanceof Map<?, ?> map && map.get("id") != null) {
      return String.valueOf(map.get("id"));
    }
    return null;
  }
}
