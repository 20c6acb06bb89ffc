package dev.idem.idempotency;

/** The library is configured or used in a way that cannot work; the message says how to fix it. */
public final class IdempotencyConfigurationException extends IdempotencyException {

  /** Creates the exception. */
  public IdempotencyConfigurationException(String message) {
    super(message, null);
  }

  /** Creates the exception with the underlying cause. */
  public IdempotencyConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
