package io.hsystem;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

  @Test
  void modulesOnlyUseEachOthersPublicFacadesAndDeclaredNeighbours() {
    ApplicationModules.of(HSystemApplication.class).verify();
  }
}
