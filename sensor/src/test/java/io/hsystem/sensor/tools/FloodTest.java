package io.hsystem.sensor.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.hsystem.sensor.HoneypotServices;
import io.hsystem.sensor.RecordingSink;
import io.hsystem.sensor.TestSensors;
import io.hsystem.sensor.TextClient;
import io.hsystem.sensor.core.ServiceStats;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 10,000 connections in a burst from ten addresses: the sensor stays up and bounded. */
@Timeout(180)
class FloodTest {

  static final int SOURCES = 10;
  static final int PER_SOURCE = 1000;
  static final int HELD = 50;

  @Test
  void tenThousandConnectionsDoNotTakeTheSensorDown() throws Exception {
    RecordingSink sink = new RecordingSink();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (HoneypotServices services =
        HoneypotServices.start(TestSensors.only("ssh", "http", "ftp", "redis"), sink)) {
      Map<String, Integer> ports = services.boundPorts();
      int[] targets = {ports.get("ssh"), ports.get("http"), ports.get("ftp"), ports.get("redis")};
      long heapBefore = usedHeapAfterGc(memory);
      AtomicLong peakHeap = new AtomicLong();
      AtomicLong connected = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(SOURCES);
      List<Future<?>> jobs = new ArrayList<>();
      for (int s = 0; s < SOURCES; s++) {
        InetAddress source = InetAddress.getByName("127.0.0." + (2 + s));
        jobs.add(
            pool.submit(
                () -> {
                  List<Socket> held = new ArrayList<>();
                  for (int i = 0; i < PER_SOURCE; i++) {
                    Socket socket = new Socket();
                    try {
                      socket.setSoLinger(true, 0);
                      socket.bind(new InetSocketAddress(source, 0));
                      socket.connect(
                          new InetSocketAddress("127.0.0.1", targets[i % targets.length]), 5000);
                      connected.incrementAndGet();
                      held.add(socket);
                    } catch (IOException e) {
                      failed.incrementAndGet();
                      closeQuietly(socket);
                    }
                    if (held.size() >= HELD) {
                      held.forEach(FloodTest::closeQuietly);
                      held.clear();
                      peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    }
                  }
                  held.forEach(FloodTest::closeQuietly);
                  return null;
                }));
      }
      for (Future<?> job : jobs) {
        job.get();
      }
      pool.shutdown();
      long burstMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

      // still answering a normal client, from a fresh address
      try (TextClient ftp = new TextClient(ports.get("ftp"))) {
        ftp.readUntil("220 (vsFTPd 3.0.5)", 5000);
      }
      try (TextClient http = new TextClient(ports.get("http"))) {
        http.send("GET / HTTP/1.0\r\n\r\n").readUntil("</html>", 5000);
      }
      long deadline = System.currentTimeMillis() + 20_000;
      while (services.stats().activeSessions() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      ServiceStats stats = services.stats();
      long heapAfter = usedHeapAfterGc(memory);
      System.out.printf(
          "flood: %d connections attempted, %d connected, %d failed client-side in %d ms;"
              + " sensor accepted %d, refused %d (per-source %d, global %d), events %d,"
              + " open after %d; heap used after GC %d MiB before, %d MiB after,"
              + " peak sampled %d MiB (max heap %d MiB)%n",
          SOURCES * PER_SOURCE,
          connected.get(),
          failed.get(),
          burstMillis,
          stats.accepted(),
          stats.refused(),
          stats.refusedPerSource(),
          stats.refusedGlobal(),
          stats.eventsEmitted(),
          stats.activeSessions(),
          heapBefore >> 20,
          heapAfter >> 20,
          peakHeap.get() >> 20,
          memory.getHeapMemoryUsage().getMax() >> 20);
      assertThat(connected.get()).isGreaterThan(9_000);
      assertThat(stats.refused()).isGreaterThan(0);
      assertThat(stats.activeSessions()).isZero();
      // refusals are counted, not evented one by one: at most one summary per source
      assertThat(sink.ofType("connection_refused")).hasSizeLessThanOrEqualTo(SOURCES + 1);
      assertThat(heapAfter - heapBefore).isLessThan(64L << 20);
    }
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
    System.gc();
    Thread.sleep(200);
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing
    }
  }
}
