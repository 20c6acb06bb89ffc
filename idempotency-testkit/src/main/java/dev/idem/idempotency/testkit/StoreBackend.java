package dev.idem.idempotency.testkit;

import dev.idem.idempotency.spi.IdempotencyStore;
import java.util.Map;

/** A store under test, with what tests need to observe it from outside the library. */
public interface StoreBackend {

  /** The store. */
  IdempotencyStore store();

  /** How many records the store holds under {@code keyPrefix}, expired ones included. */
  long recordCount(String keyPrefix);

  /** The calls the store made to its backend since the last reset, by operation name. */
  Map<String, Long> calls();

  /** Forgets the counted calls. */
  void resetCalls();

  /** The name under which {@link #calls()} counts a claim (for DynamoDB, {@code PutItem}). */
  String claimOperation();
}
