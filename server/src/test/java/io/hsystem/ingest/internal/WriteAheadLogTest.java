package io.hsystem.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {

  @TempDir Path dir;

  private static List<byte[]> payloads(String prefix, int n) {
    List<byte[]> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add((prefix + i).getBytes(StandardCharsets.UTF_8));
    }
    return list;
  }

  private List<String> replay(WriteAheadLog wal, long after) {
    List<String> seen = new ArrayList<>();
    wal.replay(
        after,
        7,
        entries ->
            entries.forEach(
                e ->
                    seen.add(
                        e.sequence() + ":" + new String(e.payload(), StandardCharsets.UTF_8))));
    return seen;
  }

  @Test
  void recordsReplayInOrderAfterACheckpointAndAcrossReopen() {
    WriteAheadLog wal = new WriteAheadLog(dir, 1 << 20);
    assertThat(wal.append(payloads("a", 3))).isEqualTo(3);
    assertThat(wal.append(payloads("b", 2))).isEqualTo(5);
    wal.close();
    WriteAheadLog reopened = new WriteAheadLog(dir, 1 << 20);
    assertThat(reopened.lastSequence()).isEqualTo(5);
    assertThat(reopened.append(payloads("c", 1))).isEqualTo(6);
    assertThat(replay(reopened, 3)).containsExactly("4:b0", "5:b1", "6:c0");
    reopened.close();
  }

  @Test
  void aTornRecordAtTheEndIsCutOffOnOpen() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir, 1 << 20);
    wal.append(payloads("x", 2));
    wal.close();
    Path segment = segments().get(0);
    long size = Files.size(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(size - 3); // a crash in the middle of the last record
    }
    WriteAheadLog reopened = new WriteAheadLog(dir, 1 << 20);
    assertThat(reopened.lastSequence()).isEqualTo(1);
    assertThat(reopened.append(payloads("y", 1))).isEqualTo(2);
    assertThat(replay(reopened, 0)).containsExactly("1:x0", "2:y0");
    reopened.close();
  }

  @Test
  void aCorruptedRecordEndsTheReplay() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir, 1 << 20);
    wal.append(payloads("z", 3));
    wal.close();
    Path segment = segments().get(0);
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 1] ^= 0x55; // flips a payload byte of the third record
    Files.write(segment, bytes);
    WriteAheadLog reopened = new WriteAheadLog(dir, 1 << 20);
    assertThat(replay(reopened, 0)).containsExactly("1:z0", "2:z1");
    reopened.close();
  }

  @Test
  void segmentsRollOverAndDurableOnesAreDeleted() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir, 64);
    for (int i = 0; i < 10; i++) {
      wal.append(payloads("s" + i + "-", 4));
    }
    assertThat(segments()).hasSizeGreaterThan(3);
    wal.truncateUpTo(20);
    assertThat(replay(wal, 0)).first().asString().startsWith("21:");
    assertThat(replay(wal, 0)).hasSize(20);
    wal.truncateUpTo(40);
    assertThat(segments()).hasSize(1);
    assertThat(wal.append(payloads("t", 1))).isEqualTo(41);
    wal.close();
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
