package dev.idem.bench;

import dev.idem.local.lambda.LambdaRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the resident memory of all function instances together (Linux {@code /proc/PID/status}
 * {@code VmRSS}) every half second, and keeps the peak. Elsewhere it measures nothing and reports
 * 0.
 */
final class MemorySampler implements AutoCloseable {

  private static final Duration INTERVAL = Duration.ofMillis(500);

  private final LambdaRuntime lambda;
  private final AtomicLong peakKb = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  MemorySampler(LambdaRuntime lambda) {
    this.lambda = lambda;
    this.thread = Thread.ofVirtual().name("idem-memory-sampler").start(this::loop);
  }

  /** The peak so far, in MB (2^20 bytes). */
  long peakMb() {
    sample();
    return peakKb.get() / 1024;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }

  private void loop() {
    while (running) {
      sample();
      try {
        Thread.sleep(INTERVAL);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    long total = 0;
    for (long pid : lambda.processIds()) {
      total += rssKb(pid);
    }
    long sum = total;
    peakKb.accumulateAndGet(sum, Math::max);
  }

  /** The process's resident set in kB, or 0 when it is gone or this is not Linux. */
  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process ended between listing and reading, or no /proc here
    }
    return 0;
  }
}
