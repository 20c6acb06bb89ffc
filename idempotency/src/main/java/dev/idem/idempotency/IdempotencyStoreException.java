package dev.idem.idempotency;

/**
 * The store could not be read or written (network, throttling, permissions, a missing table). The
 * cause carries the store's own exception. Retrying later is safe: nothing was recorded as done.
 */
public final class IdempotencyStoreException extends IdempotencyException {

  /** Creates the exception; the message should name the operation and the table. */
  public IdempotencyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
