package dev.idem.idempotency.props;

/** One step of an interleaving: an invocation acting on a key, or time passing. */
sealed interface StoreOp {

  /** The invocation tries to claim the key with a fresh lease token. */
  record Claim(int invocation, int key) implements StoreOp {}

  /** The invocation completes the key with the token of its latest claim attempt. */
  record Complete(int invocation, int key) implements StoreOp {}

  /** The invocation releases the key with the token of its latest claim attempt. */
  record Release(int invocation, int key) implements StoreOp {}

  /** The clock moves forward by this many milliseconds. */
  record Advance(long millis) implements StoreOp {}
}
