package io.hsystem;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

  @Test
  void modulesOnlyUseEachOthersPublicFacadesAndDeclaredNeighbours() {
    // io.hsystem.sensor is the honeypot library (its own Maven module, also a standalone jar),
    // not one of the server's application modules
    ApplicationModules.of(
            HSystemApplication.class, JavaClass.Predicates.resideInAPackage("io.hsystem.sensor.."))
        .verify();
  }
}
