package io.hsystem.shared.web;

import java.io.IOException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the console (packed into {@code META-INF/resources} by the console module) with
 * history-mode routing: a path that is no file, outside {@code /api} and {@code /actuator}, answers
 * the console's {@code index.html}, so a bookmark such as {@code /alerts?id=7} opens that page. API
 * and actuator paths keep their 404 problem answers.
 */
@Configuration(proxyBeanMethods = false)
class SpaFallbackConfiguration implements WebMvcConfigurer {

  static final String[] LOCATIONS = {
    "classpath:/META-INF/resources/",
    "classpath:/resources/",
    "classpath:/static/",
    "classpath:/public/"
  };

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/**")
        .addResourceLocations(LOCATIONS)
        .resourceChain(true)
        .addResolver(new SpaResolver(new ClassPathResource("META-INF/resources/index.html")));
  }

  /** Finds the file, else falls back to index.html for console routes. */
  static final class SpaResolver extends PathResourceResolver {

    private final Resource index;

    SpaResolver(Resource index) {
      this.index = index;
    }

    @Override
    protected Resource getResource(String resourcePath, Resource location) throws IOException {
      Resource found = super.getResource(resourcePath, location);
      if (found != null) {
        return found;
      }
      return isConsoleRoute(resourcePath) && index.exists() ? index : null;
    }

    /**
     * A console route: not the API, not actuator, and not a file name (no dot in the last part).
     */
    static boolean isConsoleRoute(String path) {
      String p = path.startsWith("/") ? path.substring(1) : path;
      if (p.equals("api")
          || p.startsWith("api/")
          || p.equals("actuator")
          || p.startsWith("actuator/")) {
        return false;
      }
      String last = p.substring(p.lastIndexOf('/') + 1);
      return !last.contains(".");
    }
  }
}
