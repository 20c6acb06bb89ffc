package dev.idem.local.lambda;

import java.time.Duration;

/**
 * How Lambda handles one function's asynchronous invocations: its {@code EventInvokeConfig} and
 * {@code DeadLetterConfig}.
 *
 * @param maximumRetryAttempts retries after a function error, 0 to 2 (Lambda's default: 2)
 * @param maximumEventAge how long an event may wait in the queue, 60 s to 6 h (default 6 h)
 * @param onSuccess the ARN that gets the invocation record of a success (SQS queue, Lambda
 *     function, EventBridge bus), or null
 * @param onFailure the ARN that gets the invocation record of an event given up on, or null
 * @param deadLetterArn the queue that gets the event itself when it is given up on, or null
 */
public record AsyncConfig(
    int maximumRetryAttempts,
    Duration maximumEventAge,
    String onSuccess,
    String onFailure,
    String deadLetterArn) {

  /** Lambda's defaults: two retries, six hours, no destination, no dead-letter queue. */
  public static final AsyncConfig DEFAULT =
      new AsyncConfig(2, Duration.ofHours(6), null, null, null);

  /**
   * Checks the ranges Lambda accepts.
   *
   * @throws IllegalArgumentException when the retries are outside 0..2 or the age outside 60 s..6 h
   */
  public AsyncConfig {
    if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
      throw new IllegalArgumentException(
          "MaximumRetryAttempts " + maximumRetryAttempts + " is outside 0..2");
    }
    long seconds = maximumEventAge.toSeconds();
    if (seconds < 60 || seconds > 21_600) {
      throw new IllegalArgumentException(
          "MaximumEventAgeInSeconds " + seconds + " is outside 60..21600");
    }
  }
}
