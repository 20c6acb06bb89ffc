package dev.idem.idempotency.stores;

import dev.idem.idempotency.testkit.IdempotencyCacheContract;
import dev.idem.idempotency.testkit.IdempotencyExecutionContract;
import dev.idem.idempotency.testkit.IdempotencyFailureContract;
import dev.idem.idempotency.testkit.IdempotencyLeaseContract;
import dev.idem.idempotency.testkit.InMemoryBackend;
import dev.idem.idempotency.testkit.StoreBackend;
import org.junit.jupiter.api.Nested;

/** The behaviour contracts of Idempotency over the in-memory store, a fresh store per test. */
class InMemoryIdempotencyTest {

  private final StoreBackend backend = new InMemoryBackend();

  @Nested
  class Execution extends IdempotencyExecutionContract {
    @Override
    protected StoreBackend backend() {
      return backend;
    }
  }

  @Nested
  class Failures extends IdempotencyFailureContract {
    @Override
    protected StoreBackend backend() {
      return backend;
    }
  }

  @Nested
  class Leases extends IdempotencyLeaseContract {
    @Override
    protected StoreBackend backend() {
      return backend;
    }
  }

  @Nested
  class Cache extends IdempotencyCacheContract {
    @Override
    protected StoreBackend backend() {
      return backend;
    }
  }
}
