package dev.idem.idempotency.testkit;

import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.idempotency.spi.IdempotencyStore;
import java.util.Map;

/** A fresh in-memory store: create one per test, so every record in it is that test's. */
public final class InMemoryBackend implements StoreBackend {

  private final InMemoryIdempotencyStore memory = new InMemoryIdempotencyStore();
  private final CountingStore store = new CountingStore(memory);

  @Override
  public IdempotencyStore store() {
    return store;
  }

  @Override
  public long recordCount(String keyPrefix) {
    return memory.size();
  }

  @Override
  public Map<String, Long> calls() {
    return store.snapshot();
  }

  @Override
  public void resetCalls() {
    store.reset();
  }

  @Override
  public String claimOperation() {
    return "claim";
  }
}
