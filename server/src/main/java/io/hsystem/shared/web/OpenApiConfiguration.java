package io.hsystem.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /api/v1/openapi.json}: bearer auth, names and version. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI openApi(ObjectProvider<BuildProperties> build) {
    String version = build.getIfAvailable() == null ? "dev" : build.getIfAvailable().getVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("H-System API")
                .description(
                    "Honeypot + EDR platform. JSON in snake_case, times as YYYY-MM-DD HH:MM:SS"
                        + " (UTC), errors as RFC 9457 problem+json with a stable code.")
                .version(version))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
