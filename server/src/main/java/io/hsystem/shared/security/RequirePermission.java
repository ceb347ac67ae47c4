package io.hsystem.shared.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission an endpoint needs. Every controller method carries this or {@link
 * PublicEndpoint}; a test enforces it, and a method with neither is refused to everybody.
 *
 * <p>Checked before the request body is read, so a caller without the permission learns nothing
 * from validation errors.
 */
@Documented
@Target({ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequirePermission {

  /** One of {@link Permissions}; {@link #AUTHENTICATED} for "any signed-in user". */
  String value();

  /** Pseudo-permission every signed-in user holds (e.g. to read their own profile). */
  String AUTHENTICATED = "authenticated";
}
