package io.hsystem.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records every call of a mutating endpoint in the audit log: the signed-in user, source IP, the
 * action, the target (the {@code id} path variable or what the handler set in {@link AuditContext})
 * and the outcome, successes and refusals alike.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

  /** Dotted action name, e.g. {@code asset.update}. */
  String action();

  /** Kind of object acted on, e.g. {@code asset}. */
  String targetType() default "";

  /**
   * True when the façade records the action itself because only it knows the details (login
   * attempts name a user who is not signed in); the interceptor then stays out.
   */
  boolean recordedByService() default false;
}
