package io.hsystem.sensor.shipper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

  @TempDir Path dir;

  private static String record(int i) {
    return "{\"event_type\":\"connection\",\"n\":" + i + ",\"pad\":\"" + "x".repeat(40) + "\"}";
  }

  private static List<Long> seqs(Spool.Batch batch) {
    List<Long> out = new ArrayList<>();
    for (String r : batch.records()) {
      out.add(Long.parseLong(r.substring("{\"sensor_seq\":".length(), r.indexOf(','))));
    }
    return out;
  }

  @Test
  void recordsAreNumberedFromOneAndReadInOrderInBatches() throws IOException {
    try (Spool spool = Spool.open(dir, 1 << 20)) {
      for (int i = 0; i < 25; i++) {
        assertThat(spool.append(record(i))).isEqualTo(i + 1);
      }
      Spool.Batch first = spool.peek(10, 1 << 20);
      assertThat(seqs(first)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
      assertThat(first.records().get(0)).isEqualTo("{\"sensor_seq\":1," + record(0).substring(1));
      // unacknowledged records are read again
      assertThat(seqs(spool.peek(10, 1 << 20))).isEqualTo(seqs(first));
      spool.ack(first);
      Spool.Batch second = spool.peek(100, 1 << 20);
      assertThat(second.firstSeq()).isEqualTo(11);
      assertThat(second.lastSeq()).isEqualTo(25);
      assertThat(second.size()).isEqualTo(15);
      assertThat(spool.pending()).isEqualTo(15);
      spool.ack(second);
      assertThat(spool.pending()).isZero();
      assertThat(spool.peek(100, 1 << 20).isEmpty()).isTrue();
    }
  }

  @Test
  void anEmptyObjectGetsOnlyItsSequenceNumber() throws IOException {
    try (Spool spool = Spool.open(dir, 4096)) {
      spool.append("{}");
      assertThat(spool.peek(1, 4096).records()).containsExactly("{\"sensor_seq\":1}");
    }
  }

  @Test
  void whenFullTheOldestRecordsAreEvictedAndCounted() throws IOException {
    long max = 8 * 1024;
    try (Spool spool = Spool.open(dir, max)) {
      for (int i = 0; i < 1000; i++) {
        spool.append(record(i));
      }
      assertThat(spool.bytes()).isLessThanOrEqualTo(max);
      assertThat(spool.evicted()).isPositive();
      assertThat(spool.pending() + spool.evicted()).isEqualTo(1000);
      Spool.Batch batch = spool.peek(10_000, 1 << 20);
      // what is left is the newest, still in order and without gaps
      assertThat(batch.lastSeq()).isEqualTo(1000);
      assertThat(batch.firstSeq()).isEqualTo(spool.evicted() + 1);
      List<Long> seqs = seqs(batch);
      for (int i = 1; i < seqs.size(); i++) {
        assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
      }
    }
  }

  @Test
  void evictingTheSegmentBeingSentKeepsTheCursorAndCountOnlyUnsentRecords() throws IOException {
    long max = 4 * 1024;
    try (Spool spool = Spool.open(dir, max)) {
      for (int i = 0; i < 20; i++) {
        spool.append(record(i));
      }
      Spool.Batch inFlight = spool.peek(5, 1 << 20);
      spool.ack(inFlight);
      for (int i = 20; i < 400; i++) {
        spool.append(record(i));
      }
      long evicted = spool.evicted();
      assertThat(evicted + spool.pending()).isEqualTo(400 - 5);
      Spool.Batch next = spool.peek(10, 1 << 20);
      assertThat(next.firstSeq()).isEqualTo(5 + evicted + 1);
    }
  }

  @Test
  void sequenceNumbersPositionAndEvictionsSurviveARestart() throws IOException {
    long evicted;
    try (Spool spool = Spool.open(dir, 4 * 1024)) {
      for (int i = 0; i < 200; i++) {
        spool.append(record(i));
      }
      spool.ack(spool.peek(3, 1 << 20));
      evicted = spool.evicted();
    }
    try (Spool spool = Spool.open(dir, 4 * 1024)) {
      assertThat(spool.lastSeq()).isEqualTo(200);
      assertThat(spool.evicted()).isEqualTo(evicted);
      Spool.Batch batch = spool.peek(1000, 1 << 20);
      assertThat(batch.lastSeq()).isEqualTo(200);
      assertThat(batch.firstSeq()).isGreaterThan(3);
      spool.ack(batch);
      assertThat(spool.append(record(200))).isEqualTo(201);
    }
    // everything acknowledged, files trimmed: numbering still continues
    try (Spool spool = Spool.open(dir, 4 * 1024)) {
      spool.ack(spool.peek(1000, 1 << 20));
      assertThat(spool.pending()).isZero();
    }
    try (Spool spool = Spool.open(dir, 4 * 1024)) {
      assertThat(spool.pending()).isZero();
      assertThat(spool.append(record(0))).isEqualTo(202);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(f -> f.toString().endsWith(Spool.SUFFIX)).count()).isEqualTo(1);
    }
  }

  @Test
  void aLineTornByACrashIsDroppedAndItsNumberReused() throws IOException {
    try (Spool spool = Spool.open(dir, 1 << 20)) {
      spool.append(record(1));
      spool.append(record(2));
    }
    Path segment;
    try (Stream<Path> files = Files.list(dir)) {
      segment = files.filter(f -> f.toString().endsWith(Spool.SUFFIX)).findFirst().orElseThrow();
    }
    Files.writeString(
        segment, "{\"sensor_seq\":3,\"event_ty", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (Spool spool = Spool.open(dir, 1 << 20)) {
      assertThat(spool.pending()).isEqualTo(2);
      assertThat(spool.append(record(3))).isEqualTo(3);
      assertThat(seqs(spool.peek(10, 1 << 20))).containsExactly(1L, 2L, 3L);
    }
  }
}
