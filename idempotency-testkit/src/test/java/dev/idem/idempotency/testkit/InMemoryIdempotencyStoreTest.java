package dev.idem.idempotency.testkit;

import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.idempotency.spi.IdempotencyStore;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

  @Override
  protected IdempotencyStore store() {
    return store;
  }
}
