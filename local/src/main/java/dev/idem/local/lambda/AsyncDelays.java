package dev.idem.local.lambda;

import java.time.Duration;

/**
 * The waits of Lambda's asynchronous queue. Lambda's own ("How Lambda handles errors and retries
 * with asynchronous invocation", AWS Lambda Developer Guide): one minute before the first retry of
 * a function error and two before the second; after a throttle, from one second doubling up to five
 * minutes. Tests shorten them.
 *
 * @param firstRetry before the first retry of a function error
 * @param secondRetry before the second
 * @param firstThrottleRetry before retrying a throttled invocation the first time
 * @param longestThrottleRetry the most a throttled invocation waits between tries
 */
public record AsyncDelays(
    Duration firstRetry,
    Duration secondRetry,
    Duration firstThrottleRetry,
    Duration longestThrottleRetry) {

  /** Lambda's waits: 1 min, 2 min, 1 s to 5 min. */
  public static final AsyncDelays LAMBDA =
      new AsyncDelays(
          Duration.ofMinutes(1),
          Duration.ofMinutes(2),
          Duration.ofSeconds(1),
          Duration.ofMinutes(5));

  /** Checks that no wait is negative. */
  public AsyncDelays {
    for (Duration wait :
        new Duration[] {firstRetry, secondRetry, firstThrottleRetry, longestThrottleRetry}) {
      if (wait.isNegative()) {
        throw new IllegalArgumentException("A wait is negative: " + wait);
      }
    }
  }

  /** The same wait everywhere (for tests). */
  public static AsyncDelays all(Duration wait) {
    return new AsyncDelays(wait, wait, wait, wait);
  }
}
