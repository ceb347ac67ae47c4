package io.hsystem.system.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackupFileTest {

  private static final char[] KEY = "correct horse battery staple".toCharArray();
  private static byte[] payload;
  private static byte[] file;

  @BeforeAll
  static void write() throws IOException {
    payload = new byte[BackupFile.CHUNK * 3 + 12345];
    new Random(7).nextBytes(payload);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream encrypted = BackupFile.encrypt(out, KEY, Map.of("id", "t"))) {
      encrypted.write(payload);
    }
    file = out.toByteArray();
  }

  @Test
  void roundTripsAcrossChunksAndKeepsTheHeaderReadableWithoutTheKey() throws IOException {
    assertThat(read(file, KEY)).isEqualTo(payload);
    assertThat(BackupFile.readHeader(new ByteArrayInputStream(file)).get("id").asString())
        .isEqualTo("t");
    // the plaintext does not appear in the file
    assertThat(indexOf(file, Arrays.copyOfRange(payload, 1000, 1032))).isEqualTo(-1);
  }

  @Test
  void wrongKeyIsToldApartBeforeDecrypting() {
    assertThatThrownBy(() -> read(file, "another passphrase!!".toCharArray()))
        .isInstanceOfSatisfying(
            BackupFile.BackupFileException.class,
            e -> assertThat(e.failure()).isEqualTo(BackupFile.Failure.WRONG_KEY));
  }

  @Test
  void everyFlippedByteIsRefused() {
    Random random = new Random(11);
    List<Integer> positions = new ArrayList<>(List.of(0, 9, 20, file.length / 2, file.length - 1));
    for (int i = 0; i < 20; i++) {
      positions.add(random.nextInt(file.length));
    }
    for (int position : positions) {
      byte[] damaged = file.clone();
      damaged[position] ^= 0x40;
      assertThatThrownBy(() -> read(damaged, KEY))
          .as("byte %d flipped", position)
          .isInstanceOf(BackupFile.BackupFileException.class);
    }
  }

  @Test
  void cutOffReorderedAndExtendedFilesAreRefused() throws IOException {
    List<byte[]> chunks = chunks(file);
    int headerEnd = file.length - chunks.stream().mapToInt(c -> c.length).sum();
    byte[] header = Arrays.copyOf(file, headerEnd);
    // the last chunk dropped: the previous one was sealed as "not last"
    assertDamaged(concat(header, chunks.subList(0, chunks.size() - 1)));
    // two chunks swapped
    List<byte[]> swapped = new ArrayList<>(chunks);
    swapped.set(0, chunks.get(1));
    swapped.set(1, chunks.get(0));
    assertDamaged(concat(header, swapped));
    // a chunk appended after the last one
    List<byte[]> extended = new ArrayList<>(chunks);
    extended.add(chunks.get(0));
    assertDamaged(concat(header, extended));
    // cut in the middle of a chunk
    assertDamaged(Arrays.copyOf(file, file.length - 100));
  }

  @Test
  void notABackupIsSaidSo() {
    assertThatThrownBy(() -> read("PK\u0003\u0004 a zip file".getBytes(), KEY))
        .isInstanceOfSatisfying(
            BackupFile.BackupFileException.class,
            e -> assertThat(e.failure()).isEqualTo(BackupFile.Failure.NOT_A_BACKUP));
  }

  private static void assertDamaged(byte[] bytes) {
    assertThatThrownBy(() -> read(bytes, KEY))
        .isInstanceOfSatisfying(
            BackupFile.BackupFileException.class,
            e -> assertThat(e.failure()).isEqualTo(BackupFile.Failure.DAMAGED));
  }

  private static byte[] read(byte[] bytes, char[] key) throws IOException {
    BackupFile.Opened opened = BackupFile.decrypt(new ByteArrayInputStream(bytes), key);
    try (InputStream in = opened.payload()) {
      return in.readAllBytes();
    }
  }

  /** The file's chunks, each with its length prefix. */
  private static List<byte[]> chunks(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    buffer.position(8 + 1);
    int headerLength = buffer.getInt();
    buffer.position(buffer.position() + headerLength);
    List<byte[]> chunks = new ArrayList<>();
    while (buffer.hasRemaining()) {
      int start = buffer.position();
      int length = buffer.getInt();
      buffer.position(buffer.position() + length);
      chunks.add(Arrays.copyOfRange(bytes, start, buffer.position()));
    }
    return chunks;
  }

  private static byte[] concat(byte[] header, List<byte[]> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header);
    chunks.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
