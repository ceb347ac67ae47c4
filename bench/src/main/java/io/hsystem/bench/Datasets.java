package io.hsystem.bench;

import io.hsystem.protocol.EventCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Canonical events of the generator, encoded, for benchmarks outside this package. */
public final class Datasets {

  private Datasets() {}

  public static List<byte[]> canonicalPayloads(int n, Instant now) {
    EventGenerator generator = new EventGenerator(42, now, 3);
    Canonical canonical = new Canonical();
    List<byte[]> payloads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      payloads.add(EventCodec.encode(canonical.event(generator.next(), now)));
    }
    return payloads;
  }
}
