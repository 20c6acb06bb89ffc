package dev.idem.functions.relay;

/**
 * A stream record shows a transition, but its image lacks what the event needs (a paid order
 * without a payment id, an image without a correlation id). The record is reported failed, never
 * dropped: the event source retries it, then sends it to the relay's dead-letter queue.
 */
public final class MalformedOrderImageException extends RuntimeException {

  /** Creates the exception. */
  public MalformedOrderImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
