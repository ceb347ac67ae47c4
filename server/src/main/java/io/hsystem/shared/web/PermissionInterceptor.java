package io.hsystem.shared.web;

import io.hsystem.shared.ApiException;
import io.hsystem.shared.CommonProblem;
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
    CurrentUser user = CurrentUser.get().orElse(null);
    if (required == null || user == null || !user.permissions().contains(required.value())) {
      throw new AccessDeniedException("missing permission");
    }
    if (user.mustChangePassword() && !required.value().equals(RequirePermission.AUTHENTICATED)) {
      throw new ApiException(
          CommonProblem.PASSWORD_CHANGE_REQUIRED,
          "your password was generated or reset: change it with PUT /api/v1/auth/password first");
    }
    return true;
  }
}
