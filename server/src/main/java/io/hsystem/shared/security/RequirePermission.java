package io.hsystem.shared.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Declares the permission an endpoint needs. Every controller method carries this or {@link
 * PublicEndpoint}; a test enforces it.
 */
@Documented
@Target({ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@PreAuthorize("hasAuthority('{value}')")
public @interface RequirePermission {

  /** One of {@link Permissions}; {@link #AUTHENTICATED} for "any signed-in user". */
  String value();

  /** Pseudo-permission every signed-in user holds (e.g. to read their own profile). */
  String AUTHENTICATED = "authenticated";
}
