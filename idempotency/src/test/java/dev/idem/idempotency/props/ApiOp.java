package dev.idem.idempotency.props;

/** One step of an interleaving of whole calls through {@code Idempotency.execute}. */
sealed interface ApiOp {

  /** The invocation calls {@code execute} on the key; if its work runs, the work blocks. */
  record Start(int invocation, int key) implements ApiOp {}

  /** The invocation's blocked work returns, and its call completes. */
  record Finish(int invocation) implements ApiOp {}

  /** The clock moves forward by this many milliseconds. */
  record Advance(long millis) implements ApiOp {}
}
