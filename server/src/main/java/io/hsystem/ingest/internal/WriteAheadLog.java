package io.hsystem.ingest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of accepted events: an event is acknowledged only after its record is on disk
 * ({@code fsync}), so it survives {@code kill -9}. Records get consecutive sequence numbers; the
 * event store reports up to which number it has made events durable, and the log then drops whole
 * segment files below that point.
 *
 * <p>Segment files are named after their first sequence number. A record is {@code [length int]
 * [crc32c int][sequence long][payload]}; a torn record at the end of the last segment (a crash in
 * the middle of a write, never acknowledged) is cut off when the log is opened.
 */
public final class WriteAheadLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WriteAheadLog.class);
  private static final int HEADER = 16;
  private static final String SUFFIX = ".wal";
  static final int MAX_RECORD = 16 * 1024 * 1024;

  private final Path dir;
  private final long segmentBytes;
  private FileChannel active;
  private long activeFirst;
  private long lastSequence;

  public WriteAheadLog(Path dir, long segmentBytes) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    try {
      Files.createDirectories(dir);
      List<Path> segments = segments();
      if (segments.isEmpty()) {
        lastSequence = 0;
        openSegment(1);
      } else {
        Path last = segments.get(segments.size() - 1);
        long first = firstSequence(last);
        long[] end = scan(last, first);
        if (end[1] < Files.size(last)) {
          log.warn(
              "cutting a torn record off the end of {} at byte {}", last.getFileName(), end[1]);
          try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
            ch.truncate(end[1]);
            ch.force(true);
          }
        }
        lastSequence = end[0] == 0 ? first - 1 : end[0];
        active = FileChannel.open(last, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        activeFirst = first;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the write-ahead log in " + dir, e);
    }
  }

  /**
   * Appends the payloads with the next sequence numbers and forces them to disk.
   *
   * @return the sequence number of the last payload
   */
  public synchronized long append(List<byte[]> payloads) {
    try {
      if (active.size() >= segmentBytes) {
        active.force(true);
        active.close();
        openSegment(lastSequence + 1);
      }
      int total = 0;
      for (byte[] p : payloads) {
        if (p.length > MAX_RECORD) {
          throw new IllegalArgumentException("a record of " + p.length + " bytes is too large");
        }
        total += HEADER + p.length;
      }
      ByteBuffer buffer = ByteBuffer.allocate(total);
      CRC32C crc = new CRC32C();
      long sequence = lastSequence;
      for (byte[] p : payloads) {
        sequence++;
        crc.reset();
        crc.update(p);
        buffer.putInt(p.length).putInt((int) crc.getValue()).putLong(sequence).put(p);
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        active.write(buffer);
      }
      active.force(false);
      lastSequence = sequence;
      return sequence;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the write-ahead log", e);
    }
  }

  /** The folder of the log's segments. */
  public Path directory() {
    return dir;
  }

  public synchronized long lastSequence() {
    return lastSequence;
  }

  /** A record read back. */
  public record Entry(long sequence, byte[] payload) {}

  /**
   * Reads the records after {@code afterSequence}, in order, in chunks of at most {@code chunk}.
   */
  public void replay(
      long afterSequence, int chunk, java.util.function.Consumer<List<Entry>> consumer) {
    try {
      List<Path> segments = segments();
      for (int i = 0; i < segments.size(); i++) {
        long nextFirst =
            i + 1 < segments.size() ? firstSequence(segments.get(i + 1)) : Long.MAX_VALUE;
        if (nextFirst <= afterSequence + 1) {
          continue;
        }
        List<Entry> batch = new ArrayList<>(chunk);
        try (FileChannel ch = FileChannel.open(segments.get(i), StandardOpenOption.READ)) {
          Entry entry;
          while ((entry = readRecord(ch)) != null) {
            if (entry.sequence() > afterSequence) {
              batch.add(entry);
              if (batch.size() == chunk) {
                consumer.accept(batch);
                batch = new ArrayList<>(chunk);
              }
            }
          }
        }
        if (!batch.isEmpty()) {
          consumer.accept(batch);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the write-ahead log", e);
    }
  }

  /** Deletes segment files whose records are all at or below {@code durableSequence}. */
  public synchronized void truncateUpTo(long durableSequence) {
    try {
      List<Path> segments = segments();
      for (int i = 0; i + 1 < segments.size(); i++) {
        long nextFirst = firstSequence(segments.get(i + 1));
        if (nextFirst - 1 <= durableSequence && firstSequence(segments.get(i)) != activeFirst) {
          Files.deleteIfExists(segments.get(i));
        } else {
          break;
        }
      }
    } catch (IOException e) {
      log.warn("cannot trim the write-ahead log: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    try {
      active.force(true);
      active.close();
    } catch (IOException e) {
      log.warn("closing the write-ahead log failed: {}", e.toString());
    }
  }

  private void openSegment(long first) throws IOException {
    Path file = dir.resolve(String.format("%020d", first) + SUFFIX);
    active =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    activeFirst = first;
    forceDirectory();
  }

  /** Makes a new file's directory entry durable too. */
  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not every platform can open a directory; the file data itself is forced on append
    }
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
  }

  private static long firstSequence(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
  }

  /**
   * The last valid sequence in a segment (0 when none) and the byte offset where valid data ends.
   */
  private static long[] scan(Path segment, long first) throws IOException {
    long lastSeq = 0;
    long validEnd = 0;
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
      long expected = first;
      Entry entry;
      while ((entry = readRecord(ch)) != null && entry.sequence() == expected) {
        lastSeq = entry.sequence();
        expected++;
        validEnd = ch.position();
      }
    }
    return new long[] {lastSeq, validEnd};
  }

  /** The next intact record at the channel's position, or null at the end or at a torn record. */
  private static Entry readRecord(FileChannel ch) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    if (readFully(ch, header) < HEADER) {
      return null;
    }
    header.flip();
    int length = header.getInt();
    int crc = header.getInt();
    long sequence = header.getLong();
    if (length < 0 || length > MAX_RECORD) {
      return null;
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    if (readFully(ch, payload) < length) {
      return null;
    }
    CRC32C check = new CRC32C();
    check.update(payload.array());
    return (int) check.getValue() == crc ? new Entry(sequence, payload.array()) : null;
  }

  private static int readFully(FileChannel ch, ByteBuffer buffer) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = ch.read(buffer);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }
}
