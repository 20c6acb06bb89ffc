package dev.idem.idempotency;

/** The idempotency key is missing, empty, too long or holds characters outside printable ASCII. */
public final class InvalidIdempotencyKeyException extends IdempotencyException {

  /** Creates the exception with a message that says what a valid key looks like. */
  public InvalidIdempotencyKeyException(String message) {
    super(message, null);
  }
}
