package io.hsystem.ingest.internal;

import io.hsystem.ingest.internal.parse.RecordRejected;
import io.hsystem.ingest.internal.parse.SyslogParser;
import io.hsystem.protocol.Event;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over UDP and TCP (RFC 3164 and 5424; TCP frames by newline or RFC 6587 octet count) on one
 * port. Messages are parsed as they arrive and handed on in batches. Each TCP peer is bounded: a
 * connection cap, a message size cap and an idle timeout; messages that do not parse are counted,
 * not logged one by one.
 */
public final class SyslogListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SyslogListener.class);
  static final int MAX_MESSAGE = 64 * 1024;
  private static final int IDLE_TIMEOUT_MS = 5 * 60 * 1000;
  private static final int BATCH = 1000;

  private final SyslogParser parser = new SyslogParser();
  private final Consumer<List<Event>> sink;
  private final Clock clock;
  private final Semaphore connections;
  private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>(100_000);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final ExecutorService workers;
  private DatagramSocket udp;
  private ServerSocket tcp;
  private volatile boolean running;

  public SyslogListener(Consumer<List<Event>> sink, Clock clock, int maxConnections) {
    this.sink = sink;
    this.clock = clock;
    this.connections = new Semaphore(maxConnections);
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "syslog");
              t.setDaemon(true);
              return t;
            });
  }

  /** Binds UDP and TCP on the port (0 picks a free one, the same for both when possible). */
  public int start(String bind, int port) throws IOException {
    InetAddress address = InetAddress.getByName(bind);
    tcp = new ServerSocket();
    tcp.setReuseAddress(true);
    tcp.bind(new InetSocketAddress(address, port), 128);
    int bound = tcp.getLocalPort();
    udp = new DatagramSocket(new InetSocketAddress(address, bound));
    udp.setReceiveBufferSize(4 * 1024 * 1024);
    running = true;
    workers.execute(this::acceptLoop);
    workers.execute(this::udpLoop);
    workers.execute(this::flushLoop);
    log.info("syslog listening on {}:{} (udp and tcp)", bind, bound);
    return bound;
  }

  public long rejected() {
    return rejected.get();
  }

  private void udpLoop() {
    byte[] buffer = new byte[MAX_MESSAGE];
    while (running) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        if (running) {
          log.warn("syslog udp receive failed: {}", e.toString());
        }
        continue;
      }
      String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        accept(line, packet.getAddress().getHostAddress());
      }
    }
  }

  private void acceptLoop() {
    while (running) {
      Socket socket;
      try {
        socket = tcp.accept();
      } catch (IOException e) {
        if (running) {
          log.warn("syslog tcp accept failed: {}", e.toString());
        }
        continue;
      }
      if (!connections.tryAcquire()) {
        closeQuietly(socket); // over the cap: refuse rather than queue
        continue;
      }
      workers.execute(
          () -> {
            try {
              serve(socket);
            } finally {
              connections.release();
              closeQuietly(socket);
            }
          });
    }
  }

  private void serve(Socket socket) {
    String peer = socket.getInetAddress().getHostAddress();
    try {
      socket.setSoTimeout(IDLE_TIMEOUT_MS);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      ByteArrayOutputStream line = new ByteArrayOutputStream(512);
      while (running) {
        int first = in.read();
        if (first < 0) {
          return;
        }
        if (first >= '1' && first <= '9') {
          // RFC 6587 octet counting: "<length> <message>"
          int length = first - '0';
          int c;
          while ((c = in.read()) >= '0' && c <= '9') {
            length = length * 10 + (c - '0');
            if (length > MAX_MESSAGE) {
              return;
            }
          }
          if (c != ' ') {
            return;
          }
          byte[] frame = in.readNBytes(length);
          accept(new String(frame, StandardCharsets.UTF_8), peer);
          continue;
        }
        line.reset();
        int c = first;
        while (c >= 0 && c != '\n') {
          if (line.size() >= MAX_MESSAGE) {
            return; // an endless line: drop the peer
          }
          line.write(c);
          c = in.read();
        }
        accept(line.toString(StandardCharsets.UTF_8), peer);
        if (c < 0) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      // idle peer
    } catch (IOException e) {
      if (running) {
        log.debug("syslog peer {} dropped: {}", peer, e.toString());
      }
    }
  }

  private void accept(String message, String peer) {
    String m = message.strip();
    if (m.isEmpty()) {
      return;
    }
    received.incrementAndGet();
    try {
      Event event = parser.parse(m, clock.instant(), peer);
      if (!queue.offer(event)) {
        dropped.incrementAndGet();
      }
    } catch (RecordRejected e) {
      rejected.incrementAndGet();
    }
  }

  private void flushLoop() {
    List<Event> batch = new ArrayList<>(BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Event first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        sink.accept(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // overloaded or failing: syslog has no way to ask the sender to retry
        dropped.addAndGet(batch.size());
        log.warn("syslog batch of {} dropped: {}", batch.size(), e.getMessage());
      }
      batch = new ArrayList<>(BATCH);
    }
  }

  @Override
  public void close() {
    running = false;
    closeQuietly(tcp);
    if (udp != null) {
      udp.close();
    }
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    if (dropped.get() > 0 || rejected.get() > 0) {
      log.info(
          "syslog: {} received, {} not parseable, {} dropped",
          received.get(),
          rejected.get(),
          dropped.get());
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    }
  }
}
