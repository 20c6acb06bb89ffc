package dev.idem.idempotency.memory;

import dev.idem.idempotency.spi.IdempotencyStore;
import dev.idem.idempotency.spi.IdempotencyStoreContract;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

  @Override
  protected IdempotencyStore store() {
    return store;
  }
}
