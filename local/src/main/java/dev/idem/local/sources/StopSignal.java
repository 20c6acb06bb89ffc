package dev.idem.local.sources;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A source's stop flag that its threads also pause on, so a pause ends the moment it is set. Each
 * {@link EventSource} owns one; the threads that invoke and checkpoint for it pause on it too.
 */
public final class StopSignal {

  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Sets the flag and ends every pause under way. */
  public void stop() {
    stopped.countDown();
  }

  /** Whether the flag is set. */
  public boolean stopped() {
    return stopped.getCount() == 0;
  }

  /** Pauses for {@code duration}; returns false when stopped (before or during the pause). */
  public boolean pause(Duration duration) {
    try {
      return !stopped.await(Math.max(0, duration.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
