package io.hsystem.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AuditWebConfiguration implements WebMvcConfigurer {

  private final AuditLog auditLog;

  AuditWebConfiguration(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // before the permission check (order 100), so that refused calls are recorded too
    registry.addInterceptor(new AuditInterceptor(auditLog)).addPathPatterns("/api/**").order(0);
  }
}
