package dev.idem.functions.common;

/**
 * The provider did not answer in time, could not be reached, or failed (5xx). Retryable: the
 * handler lets the queue deliver the message again, under the same idempotency key.
 */
public final class ProviderUnavailableException extends RuntimeException {

  /** Creates the exception. */
  public ProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
