package dev.idem.idempotency.stores;

import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.idempotency.spi.IdempotencyStore;
import dev.idem.idempotency.testkit.IdempotencyStoreContract;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

  @Override
  protected IdempotencyStore store() {
    return store;
  }
}
