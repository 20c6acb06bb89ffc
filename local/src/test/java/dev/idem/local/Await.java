package dev.idem.local;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition outside this JVM's control (an order's status, a queue), to a deadline. */
public final class Await {

  private static final long POLL_NANOS = Duration.ofMillis(50).toNanos();

  private Await() {}

  /**
   * Polls {@code condition} until it holds; an {@link AssertionError} naming {@code what} at the
   * deadline.
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }
}
