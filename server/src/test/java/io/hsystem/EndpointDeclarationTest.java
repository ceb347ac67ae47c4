package io.hsystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.audit.Audited;
import io.hsystem.audit.NotAudited;
import io.hsystem.shared.security.PublicEndpoint;
import io.hsystem.shared.security.RequirePermission;
import io.hsystem.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of ours declares who may call it, and every mutating one whether it is audited.
 */
class EndpointDeclarationTest extends IntegrationTest {

  private static final Set<RequestMethod> MUTATING =
      Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  @Test
  void everyEndpointDeclaresItsPermissionOrWhyItIsPublic() {
    List<String> undeclared = new ArrayList<>();
    ours()
        .forEach(
            (info, method) -> {
              if (!method.hasMethodAnnotation(RequirePermission.class)
                  && !method.hasMethodAnnotation(PublicEndpoint.class)) {
                undeclared.add(info + " " + method);
              }
            });
    assertThat(undeclared).isEmpty();
  }

  @Test
  void everyMutatingEndpointIsAuditedOrSaysWhyNot() {
    List<String> unaudited = new ArrayList<>();
    int mutating = 0;
    for (var entry : ours().entrySet()) {
      Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
      if (methods.stream().noneMatch(MUTATING::contains)) {
        continue;
      }
      mutating++;
      HandlerMethod method = entry.getValue();
      boolean audited = method.hasMethodAnnotation(Audited.class);
      boolean excused = method.hasMethodAnnotation(NotAudited.class);
      if (audited == excused) {
        unaudited.add(entry.getKey() + " " + method);
      }
      if (excused) {
        assertThat(method.getMethodAnnotation(NotAudited.class).value()).isNotBlank();
      }
    }
    assertThat(unaudited).isEmpty();
    assertThat(mutating).as("mutating endpoints found").isGreaterThan(10);
  }

  private java.util.Map<RequestMappingInfo, HandlerMethod> ours() {
    var result = new java.util.LinkedHashMap<RequestMappingInfo, HandlerMethod>();
    mapping
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              if (method.getBeanType().getPackageName().startsWith("io.hsystem")) {
                result.put(info, method);
              }
            });
    return result;
  }
}
