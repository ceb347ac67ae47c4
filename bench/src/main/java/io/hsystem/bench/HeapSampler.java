package io.hsystem.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples this JVM's used heap every 50 ms and keeps the peak. */
final class HeapSampler implements AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;

  HeapSampler() {
    thread =
        new Thread(
            () -> {
              while (running) {
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                Server.sleep(50);
              }
            },
            "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  long peakMib() {
    return Math.max(peak, memory.getHeapMemoryUsage().getUsed()) >> 20;
  }

  static long maxMib() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20;
  }

  @Override
  public void close() {
    running = false;
  }
}
