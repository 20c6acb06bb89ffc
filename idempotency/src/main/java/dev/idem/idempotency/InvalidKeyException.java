package dev.idem.idempotency;

/** The idempotency key is missing, empty, too long or holds characters outside printable ASCII. */
public final class InvalidKeyException extends IdempotencyException {

  /** Creates the exception with a message that says what a valid key looks like. */
  public InvalidKeyException(String message) {
    super(message, null);
  }
}
