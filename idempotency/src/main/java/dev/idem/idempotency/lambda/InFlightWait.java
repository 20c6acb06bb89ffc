package dev.idem.idempotency.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;

/**
 * How long one batch may wait for keys that other invocations hold: until the invocation's
 * remaining time, less a margin for the work itself, or a fixed bound without a Lambda context.
 * Waits poll with growing pauses (50 ms doubling to 1 s), never past the holder's lease.
 */
final class InFlightWait {

  /** The time kept back for the record's own work after the wait. */
  static final Duration MARGIN = Duration.ofSeconds(1);

  private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(1);

  private final long deadlineNanos;
  private Duration next = FIRST_PAUSE;

  private InFlightWait(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** A wait for one batch, starting now. */
  static InFlightWait forBatch(Context context, Duration max) {
    long now = System.nanoTime();
    long bound = now + max.toNanos();
    if (context != null) {
      long remaining =
          Duration.ofMillis(context.getRemainingTimeInMillis()).minus(MARGIN).toNanos();
      bound = Math.min(bound, now + Math.max(0, remaining));
    }
    return new InFlightWait(bound);
  }

  /**
   * Pauses before the next attempt at a key held for {@code leaseLeft} more.
   *
   * @return false when the batch has no time left to wait: report the record failed
   */
  boolean pause(Duration leaseLeft) throws InterruptedException {
    Duration pause = next.compareTo(leaseLeft) < 0 ? next : leaseLeft;
    if (System.nanoTime() + pause.toNanos() >= deadlineNanos) {
      return false;
    }
    Thread.sleep(pause);
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(LONGEST_PAUSE) < 0 ? doubled : LONGEST_PAUSE;
    return true;
  }
}
