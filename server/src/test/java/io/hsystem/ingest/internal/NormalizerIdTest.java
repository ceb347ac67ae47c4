package io.hsystem.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NormalizerIdTest {

  @Test
  void eventIdsAreVersion7UuidsOrderedByArrivalAndUnique() {
    Instant now = Instant.parse("2026-11-29T10:00:00.123Z");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Normalizer.newId(now));
    }
    assertThat(ids).hasSize(10_000);
    UUID id = UUID.fromString(ids.iterator().next());
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    assertThat(Normalizer.newId(now.plusMillis(1))).isGreaterThan(Normalizer.newId(now));
  }
}
