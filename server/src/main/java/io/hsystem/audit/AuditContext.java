package io.hsystem.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Lets the code handling an {@link Audited} request name the target it created and add details
 * (e.g. the old and new role). Outside a web request the calls do nothing.
 */
public final class AuditContext {

  static final String TARGET = AuditContext.class.getName() + ".target";
  static final String DETAILS = AuditContext.class.getName() + ".details";

  private AuditContext() {}

  public static void target(Object id) {
    RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
    if (attrs != null && id != null) {
      attrs.setAttribute(TARGET, String.valueOf(id), RequestAttributes.SCOPE_REQUEST);
    }
  }

  public static void detail(String key, Object value) {
    RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
    if (attrs == null) {
      return;
    }
    details(attrs).put(key, value);
  }

  static String target(RequestAttributes attrs) {
    return (String) attrs.getAttribute(TARGET, RequestAttributes.SCOPE_REQUEST);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> details(RequestAttributes attrs) {
    Object existing = attrs.getAttribute(DETAILS, RequestAttributes.SCOPE_REQUEST);
    if (existing instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    attrs.setAttribute(DETAILS, created, RequestAttributes.SCOPE_REQUEST);
    return created;
  }
}
