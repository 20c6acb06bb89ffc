package dev.idem.idempotency.lambda;

import dev.idem.idempotency.IdempotencyStoreException;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.idempotency.spi.ClaimRequest;
import dev.idem.idempotency.spi.ClaimResult;
import dev.idem.idempotency.spi.Completion;
import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.IdempotencyStore;
import java.util.Optional;

/** An in-memory store whose claims fail on demand, as a throttled or unreachable table would. */
final class FlakyStore implements IdempotencyStore {

  private final InMemoryIdempotencyStore delegate = new InMemoryIdempotencyStore();
  private volatile boolean failing;

  void failing(boolean failing) {
    this.failing = failing;
  }

  @Override
  public ClaimResult claim(ClaimRequest claim) {
    if (failing) {
      throw new IdempotencyStoreException("PutItem on table test failed: throttled", null);
    }
    return delegate.claim(claim);
  }

  @Override
  public boolean complete(Completion completion) {
    return delegate.complete(completion);
  }

  @Override
  public boolean release(String id, String leaseToken) {
    return delegate.release(id, leaseToken);
  }

  @Override
  public Optional<IdempotencyRecord> get(String id) {
    return delegate.get(id);
  }
}
