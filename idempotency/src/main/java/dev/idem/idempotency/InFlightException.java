package dev.idem.idempotency;

import java.time.Duration;

/**
 * Another invocation holds the key and has not finished yet (HTTP 409). Retry after {@link
 * #retryAfter()}: by then the holder has completed, or its lease has expired and the key can be
 * taken over.
 */
public final class InFlightException extends IdempotencyException {

  private final Duration retryAfter;

  /** Creates the exception; {@code retryAfter} is the time left on the holder's lease. */
  public InFlightException(String keyHash, Duration retryAfter) {
    super(
        "Key "
            + keyHash
            + " is being processed by another invocation; retry after "
            + retryAfter.toSeconds()
            + " s",
        null);
    this.retryAfter = retryAfter;
  }

  /** How long until the current holder's lease runs out; at least one second. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
