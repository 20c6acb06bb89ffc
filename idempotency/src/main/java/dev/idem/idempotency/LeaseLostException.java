package dev.idem.idempotency;

/**
 * The invocation's lease expired and another invocation took the key over before this one
 * committed, so this one's transactional writes were <em>not</em> committed. The new holder's
 * result stands. Give the work a longer lease if it regularly outlives it.
 */
public final class LeaseLostException extends IdempotencyException {

  /** Creates the exception for the key with the given hash. */
  public LeaseLostException(String keyHash) {
    super(
        "The lease on key "
            + keyHash
            + " was taken over by another invocation; this invocation's writes were not"
            + " committed. Raise the lease duration if the work needs longer.",
        null);
  }
}
