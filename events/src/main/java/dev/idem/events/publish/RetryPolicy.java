package dev.idem.events.publish;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a publisher retries entries that failed for a retryable reason.
 * Attempt {@code n + 1} follows attempt {@code n} after a delay drawn uniformly from {@code [cap/2,
 * cap]}, where {@code cap = min(maxDelay, baseDelay * 2^(n-1))}: exponential, with jitter so that
 * many throttled publishers do not retry in step.
 *
 * {@snippet :
 * RetryPolicy policy =
 *     RetryPolicy.defaults().maxAttempts(5).backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
 * }
 *
 * @param maxAttempts attempts per entry, the first included; at least 1 (default 3)
 * @param baseDelay the cap of the first delay (default 100 ms)
 * @param maxDelay the cap of every delay (default 2 s)
 * @param sleeper how to wait (default {@link Sleeper#system()})
 * @param random the source of jitter (default a {@link Random}); must be thread-safe if the
 *     publisher is shared between threads
 */
public record RetryPolicy(
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Sleeper sleeper,
    RandomGenerator random) {

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException if {@code maxAttempts < 1}, a delay is negative, or {@code
   *     baseDelay > maxDelay}
   * @throws NullPointerException if an argument is null
   */
  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(random, "random");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (baseDelay.isNegative() || baseDelay.compareTo(maxDelay) > 0) {
      throw new IllegalArgumentException(
          "Need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
    }
  }

  /** Three attempts, delays capped at 100 ms, 200 ms, ... up to 2 s, real sleeping. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        3, Duration.ofMillis(100), Duration.ofSeconds(2), Sleeper.system(), new Random());
  }

  /** This policy with {@code maxAttempts} attempts per entry. */
  public RetryPolicy maxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, sleeper, random);
  }

  /** This policy with other delay caps. */
  public RetryPolicy backoff(Duration baseDelay, Duration maxDelay) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, sleeper, random);
  }

  /** This policy waiting with {@code sleeper}. */
  public RetryPolicy sleeper(Sleeper sleeper) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, sleeper, random);
  }

  /** This policy drawing jitter from {@code random}. */
  public RetryPolicy random(RandomGenerator random) {
    return new RetryPolicy(maxAttempts, baseDelay, maxDelay, sleeper, random);
  }

  /**
   * The delay after failed attempt {@code attempt} (1 for the first).
   *
   * @throws IllegalArgumentException if {@code attempt < 1}
   */
  public Duration delayAfter(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
    long cap = cap(attempt).toNanos();
    return Duration.ofNanos(cap / 2 + (long) (random.nextDouble() * (cap - cap / 2)));
  }

  private Duration cap(int attempt) {
    // Doubling past 2^30 overflows nothing useful: the cap is reached long before.
    int doublings = Math.min(attempt - 1, 30);
    Duration cap = baseDelay.multipliedBy(1L << doublings);
    return cap.compareTo(maxDelay) > 0 ? maxDelay : cap;
  }
}
