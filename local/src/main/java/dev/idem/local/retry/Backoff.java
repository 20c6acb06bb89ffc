package dev.idem.local.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff, the one schedule of the local cloud's retries: the ceiling of the wait
 * before retry {@code n} (from 0) is {@code first} doubled {@code n} times, at most {@code
 * longest}; a jittered wait is 50 to 100 % of its ceiling, so callers that failed together do not
 * retry together. Immutable and thread-safe; a retry loop that counts nothing itself takes a {@link
 * #waits()} cursor.
 *
 * {@snippet :
 * Backoff.Waits waits = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)).waits();
 * stop.pause(waits.next()); // 100-200 ms, then 200-400 ms, ... at most 2.5-5 s
 * waits.reset();            // after a success
 * }
 *
 * @param first the ceiling of the first wait
 * @param longest the most any ceiling grows to
 */
public record Backoff(Duration first, Duration longest) {

  /** Checks that neither bound is negative. */
  public Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(longest, "longest");
    if (first.isNegative() || longest.isNegative()) {
      throw new IllegalArgumentException("A backoff bound is negative: " + first + ", " + longest);
    }
  }

  /** The wait before retry {@code retries} (0 for the first) without jitter. */
  public Duration ceiling(int retries) {
    Duration step = first;
    // Doubling stops at the cap (or at zero), so no retry count overflows.
    for (int i = 0; i < retries && step.compareTo(longest) < 0 && !step.isZero(); i++) {
      step = step.multipliedBy(2);
    }
    return step.compareTo(longest) > 0 ? longest : step;
  }

  /** The wait before retry {@code retries}: 50 to 100 % of its {@link #ceiling}. */
  public Duration delay(int retries) {
    long nanos = ceiling(retries).toNanos();
    return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
  }

  /** A cursor over the jittered waits, from the first. */
  public Waits waits() {
    return new Waits(this);
  }

  /** The jittered waits of one retry loop, in turn; not thread-safe (one loop owns it). */
  public static final class Waits {

    private final Backoff backoff;
    private int retries;

    private Waits(Backoff backoff) {
      this.backoff = backoff;
    }

    /** The next wait; each one's ceiling is twice the last one's, up to the cap. */
    public Duration next() {
      Duration delay = backoff.delay(retries);
      if (retries < Integer.MAX_VALUE) {
        retries++;
      }
      return delay;
    }

    /** Starts again from the first wait, after a success. */
    public void reset() {
      retries = 0;
    }
  }
}
