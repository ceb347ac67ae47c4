package io.hsystem.sensor.shipper;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The shipper's disk queue: records numbered with consecutive {@code sensor_seq} values, appended
 * as NDJSON to segment files named by their first sequence number, read in order, and deleted once
 * acknowledged. Bounded in bytes: when full, the oldest segments are evicted and their unsent
 * records counted. Sequence numbers, the acknowledged position and the eviction count survive a
 * restart; a line cut short by a crash is dropped on open.
 *
 * <p>Thread-safe; appends wake a waiting {@link #awaitBatch}.
 */
final class Spool implements Closeable {

  static final String SUFFIX = ".ndjson";
  private static final String STATE = "spool.state";
  private static final String SEQ_PREFIX = "{\"sensor_seq\":";

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private Segment active;
  private FileChannel activeChannel;
  private long nextSeq;
  private long ackedSeq;
  private long evicted;
  private long totalBytes;
  // where the next unread record starts: segment (by first sequence) and byte offset
  private long cursorSegment;
  private long cursorOffset;
  private boolean closed;

  private static final class Segment {
    final long firstSeq;
    final Path path;
    long lastSeq;
    long bytes;

    Segment(long firstSeq, Path path) {
      this.firstSeq = firstSeq;
      this.path = path;
      this.lastSeq = firstSeq - 1;
    }

    long unackedAfter(long acked) {
      return Math.max(0, lastSeq - Math.max(firstSeq, acked + 1) + 1);
    }
  }

  /** Records read for one batch, and where reading stopped. */
  record Batch(List<String> records, long firstSeq, long lastSeq, long endSegment, long endOffset) {
    boolean isEmpty() {
      return records.isEmpty();
    }

    int size() {
      return records.size();
    }
  }

  /**
   * Opens (or creates) the spool in {@code dir}.
   *
   * @param maxBytes bound of all segment files together; the oldest are evicted beyond it
   */
  static Spool open(Path dir, long maxBytes) throws IOException {
    return new Spool(dir, maxBytes);
  }

  private Spool(Path dir, long maxBytes) throws IOException {
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("the spool needs at least 1 KiB");
    }
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(512, Math.min(8L << 20, maxBytes / 8));
    Files.createDirectories(dir);
    readState();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          try {
            long first = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
            segments.put(first, new Segment(first, file));
          } catch (NumberFormatException ignored) {
            // not ours
          }
        }
      }
    }
    for (Segment segment : segments.values()) {
      scan(segment);
      totalBytes += segment.bytes;
    }
    long next = Math.max(1, ackedSeq + 1);
    if (!segments.isEmpty()) {
      Segment last = segments.lastEntry().getValue();
      next = Math.max(next, Math.max(last.firstSeq, last.lastSeq + 1));
    }
    nextSeq = next;
    if (segments.isEmpty() || segments.lastEntry().getValue().bytes >= segmentBytes) {
      newActive(nextSeq);
    } else {
      active = segments.lastEntry().getValue();
      activeChannel = FileChannel.open(active.path, StandardOpenOption.WRITE);
      activeChannel.position(active.bytes);
    }
    cursorSegment = segments.firstKey();
    cursorOffset = 0;
    deleteAcked();
  }

  /**
   * Appends one JSON object, numbered with the next sequence number.
   *
   * @param jsonObject a compact JSON object ({@code {...}}) without {@code sensor_seq}
   * @return its sequence number
   */
  synchronized long append(String jsonObject) throws IOException {
    if (closed) {
      throw new IOException("the spool is closed");
    }
    if (jsonObject.length() < 2 || jsonObject.charAt(0) != '{') {
      throw new IllegalArgumentException("not a JSON object");
    }
    long seq = nextSeq;
    String rest = jsonObject.substring(1).strip();
    String line = SEQ_PREFIX + seq + (rest.equals("}") ? "}" : "," + rest) + "\n";
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    if (active.bytes > 0 && active.bytes + bytes.length > segmentBytes) {
      newActive(seq);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      activeChannel.write(buffer);
    }
    nextSeq = seq + 1;
    active.lastSeq = seq;
    active.bytes += bytes.length;
    totalBytes += bytes.length;
    evictOldest();
    notifyAll();
    return seq;
  }

  /**
   * Waits until {@code maxRecords} records are pending, or records have been pending for {@code
   * lingerMillis}, then reads a batch (possibly empty when {@code running} turned false).
   */
  synchronized Batch awaitBatch(
      int maxRecords, long maxBatchBytes, long lingerMillis, BooleanSupplier running)
      throws IOException, InterruptedException {
    long deadline = -1;
    while (running.getAsBoolean() && !closed) {
      long pending = pending();
      if (pending >= maxRecords) {
        break;
      }
      long now = System.nanoTime();
      if (pending > 0) {
        if (deadline < 0) {
          deadline = now + lingerMillis * 1_000_000L;
        }
        if (now >= deadline) {
          break;
        }
        wait(Math.max(1, (deadline - now) / 1_000_000L));
      } else {
        deadline = -1;
        wait(1000);
      }
    }
    if (closed || !running.getAsBoolean()) {
      return new Batch(List.of(), 0, 0, cursorSegment, cursorOffset);
    }
    return peek(maxRecords, maxBatchBytes);
  }

  /** The oldest unacknowledged records, in order, at most this many and about this many bytes. */
  synchronized Batch peek(int maxRecords, long maxBatchBytes) throws IOException {
    List<String> records = new ArrayList<>();
    long first = 0;
    long last = 0;
    long bytes = 0;
    Long segmentKey = segments.ceilingKey(cursorSegment);
    long offset = segmentKey != null && segmentKey == cursorSegment ? cursorOffset : 0;
    long endSegment = cursorSegment;
    long endOffset = cursorOffset;
    while (segmentKey != null && records.size() < maxRecords && bytes < maxBatchBytes) {
      Segment segment = segments.get(segmentKey);
      if (offset < segment.bytes) {
        long limit = segment.bytes;
        try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ)) {
          ByteArrayOutputStream line = new ByteArrayOutputStream(512);
          ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
          long position = offset;
          long lineStart = offset;
          outer:
          while (position < limit) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), limit - position));
            int n = channel.read(buffer, position);
            if (n <= 0) {
              break;
            }
            for (int i = 0; i < n; i++) {
              byte b = buffer.get(i);
              position++;
              if (b != '\n') {
                line.write(b);
                continue;
              }
              String record = line.toString(StandardCharsets.UTF_8);
              line.reset();
              long seq = seqOf(record);
              lineStart = position;
              if (seq > ackedSeq) {
                if (records.isEmpty()) {
                  first = seq;
                }
                records.add(record);
                last = seq;
                bytes += record.length() + 1;
              }
              if (records.size() >= maxRecords || bytes >= maxBatchBytes) {
                break outer;
              }
            }
          }
          offset = lineStart;
        }
      }
      endSegment = segmentKey;
      endOffset = offset;
      if (offset < segment.bytes) {
        break; // stopped inside this segment at a limit
      }
      segmentKey = segments.higherKey(segmentKey);
      offset = 0;
    }
    return new Batch(List.copyOf(records), first, last, endSegment, endOffset);
  }

  /** Marks a batch as delivered: its records are deleted (with their files once all are). */
  synchronized void ack(Batch batch) throws IOException {
    if (batch.isEmpty() || batch.lastSeq() <= ackedSeq) {
      return;
    }
    ackedSeq = batch.lastSeq();
    if (segments.containsKey(batch.endSegment())
        && (batch.endSegment() > cursorSegment
            || (batch.endSegment() == cursorSegment && batch.endOffset() > cursorOffset))) {
      cursorSegment = batch.endSegment();
      cursorOffset = batch.endOffset();
    }
    if (active.bytes > 0 && active.lastSeq <= ackedSeq) {
      newActive(nextSeq); // everything written was delivered: start clean so the file can go
    }
    deleteAcked();
    writeState();
  }

  /** Forces written records to disk. */
  synchronized void sync() throws IOException {
    if (!closed) {
      activeChannel.force(false);
    }
  }

  /** Records spooled and not yet acknowledged. */
  synchronized long pending() {
    long n = 0;
    for (Segment s : segments.values()) {
      n += s.unackedAfter(ackedSeq);
    }
    return n;
  }

  synchronized long bytes() {
    return totalBytes;
  }

  /** Records evicted unsent because the spool was full, since it was created. */
  synchronized long evicted() {
    return evicted;
  }

  /** The last sequence number given out (0 when none yet). */
  synchronized long lastSeq() {
    return nextSeq - 1;
  }

  synchronized long ackedSeq() {
    return ackedSeq;
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    notifyAll();
    activeChannel.force(false);
    activeChannel.close();
    writeState();
  }

  private void newActive(long firstSeq) throws IOException {
    if (activeChannel != null) {
      activeChannel.force(false);
      activeChannel.close();
    }
    Path path = dir.resolve(String.format("%019d", firstSeq) + SUFFIX);
    Segment segment = segments.get(firstSeq);
    if (segment == null) {
      segment = new Segment(firstSeq, path);
      segments.put(firstSeq, segment);
    }
    activeChannel =
        FileChannel.open(segment.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    activeChannel.position(segment.bytes);
    active = segment;
  }

  private void evictOldest() throws IOException {
    boolean any = false;
    while (totalBytes > maxBytes && segments.size() > 1) {
      Segment oldest = segments.firstEntry().getValue();
      evicted += oldest.unackedAfter(ackedSeq);
      remove(oldest);
      any = true;
    }
    if (any) {
      writeState(); // rare: keeps the eviction count across a crash
    }
  }

  private void deleteAcked() throws IOException {
    while (segments.size() > 1) {
      Segment oldest = segments.firstEntry().getValue();
      if (oldest == active || oldest.lastSeq > ackedSeq) {
        break;
      }
      remove(oldest);
    }
  }

  private void remove(Segment segment) throws IOException {
    segments.remove(segment.firstSeq);
    totalBytes -= segment.bytes;
    Files.deleteIfExists(segment.path);
    if (!segments.containsKey(cursorSegment)) {
      Long next = segments.ceilingKey(cursorSegment);
      cursorSegment = next != null ? next : active.firstSeq;
      cursorOffset = 0;
    }
  }

  /** Finds a segment's last record and size, cutting off a torn last line. */
  private void scan(Segment segment) throws IOException {
    byte[] content;
    try {
      content = Files.readAllBytes(segment.path);
    } catch (NoSuchFileException e) {
      content = new byte[0];
    }
    int lineStart = 0;
    long last = segment.firstSeq - 1;
    int valid = 0;
    for (int i = 0; i < content.length; i++) {
      if (content[i] == '\n') {
        long seq = seqOf(new String(content, lineStart, i - lineStart, StandardCharsets.UTF_8));
        if (seq <= 0) {
          break;
        }
        last = seq;
        lineStart = i + 1;
        valid = lineStart;
      }
    }
    if (valid < content.length) {
      try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.WRITE)) {
        channel.truncate(valid);
      }
    }
    segment.lastSeq = last;
    segment.bytes = valid;
  }

  private static long seqOf(String record) {
    if (!record.startsWith(SEQ_PREFIX)) {
      return -1;
    }
    int end = SEQ_PREFIX.length();
    while (end < record.length() && Character.isDigit(record.charAt(end))) {
      end++;
    }
    try {
      return Long.parseLong(record.substring(SEQ_PREFIX.length(), end));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void readState() throws IOException {
    Path file = dir.resolve(STATE);
    if (!Files.exists(file)) {
      return;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        continue;
      }
      long value = Long.parseLong(line.substring(eq + 1).trim());
      switch (line.substring(0, eq).trim()) {
        case "acked" -> ackedSeq = value;
        case "evicted" -> evicted = value;
        default -> {}
      }
    }
  }

  private void writeState() throws IOException {
    Path tmp = dir.resolve(STATE + ".tmp");
    Files.writeString(
        tmp, "acked=" + ackedSeq + "\nevicted=" + evicted + "\n", StandardCharsets.US_ASCII);
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(
        tmp,
        dir.resolve(STATE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
