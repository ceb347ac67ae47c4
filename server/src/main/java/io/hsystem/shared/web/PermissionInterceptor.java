package io.hsystem.shared.web;

import io.hsystem.shared.security.CurrentUser;
import io.hsystem.shared.security.PublicEndpoint;
import io.hsystem.shared.security.RequirePermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequirePermission} before arguments are bound. Our handlers that declare neither
 * a permission nor {@link PublicEndpoint} are refused: the check fails closed.
 */
class PermissionInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)
        || !method.getBeanType().getPackageName().startsWith("io.hsystem")
        || method.hasMethodAnnotation(PublicEndpoint.class)) {
      return true;
    }
    RequirePermission required = method.getMethodAnnotation(RequirePermission.class);
    boolean allowed =
        required != null
            && CurrentUser.get().map(u -> u.permissions().contains(required.value())).orElse(false);
    if (!allowed) {
      throw new AccessDeniedException("missing permission");
    }
    return true;
  }
}
