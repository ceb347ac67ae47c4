package io.hsystem.hunting;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.support.SharedData;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Our tactic list and the library's technique ids agree with MITRE ATT&CK v18 (mitre/cti). */
class AttackTacticsTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void theFourteenTacticsAreAttacks() throws Exception {
    JsonNode attack =
        json.readTree(SharedData.require("attack/enterprise-techniques-compact.json").toFile());
    Map<String, String> fromData = new LinkedHashMap<>();
    attack
        .get("tactics")
        .forEach(t -> fromData.put(t.get("id").asString(), t.get("shortname").asString()));
    assertThat(fromData).hasSize(14).isEqualTo(AttackTactics.BY_ID);
    assertThat(AttackTactics.SHORT_NAMES).containsExactlyInAnyOrderElementsOf(fromData.values());
  }

  @Test
  void everyTechniqueOfTheShippedLibraryExistsAndIsCurrent() throws Exception {
    JsonNode attack =
        json.readTree(SharedData.require("attack/enterprise-techniques-compact.json").toFile());
    Set<String> current = new HashSet<>();
    for (JsonNode t : attack.get("techniques")) {
      boolean retired = t.path("revoked").asBoolean(false) || t.path("deprecated").asBoolean(false);
      if (!retired) {
        current.add(t.get("id").asString());
      }
    }
    for (TemplateDraft template : TemplateLibrary.load(JsonMapper.builder().build())) {
      for (String technique : template.techniques()) {
        assertThat(current).as(template.name() + " uses " + technique).contains(technique);
      }
      assertThat(template.tactics())
          .allSatisfy(t -> assertThat(AttackTactics.normalise(t)).isEqualTo(t));
    }
  }
}
