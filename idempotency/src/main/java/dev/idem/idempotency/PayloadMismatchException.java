package dev.idem.idempotency;

/**
 * The key was already used with a different payload (HTTP 422). The stored response is not
 * replayed: a client that reuses a key for a new request must use a new key.
 */
public final class PayloadMismatchException extends IdempotencyException {

  /** Creates the exception for the key with the given hash. */
  public PayloadMismatchException(String keyHash) {
    super(
        "Key "
            + keyHash
            + " was already used with a different payload; use a new idempotency key for a new"
            + " request",
        null);
  }
}
