package io.hsystem.shared.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  /** Runs after interceptors of lower order, such as the audit recorder, so they see refusals. */
  public static final int PERMISSION_ORDER = 100;

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new PermissionInterceptor()).order(PERMISSION_ORDER);
  }
}
