package dev.idem.functions.fulfilment;

/**
 * A queued message that will never be handled, however often it is delivered: its body is not an
 * event, or not one this function handles. It is reported failed, so the queue moves it to its
 * dead-letter queue after {@code maxReceiveCount} receives instead of dropping it.
 */
public final class PoisonMessageException extends RuntimeException {

  /** Creates the exception; {@code cause} may be null. */
  public PoisonMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
