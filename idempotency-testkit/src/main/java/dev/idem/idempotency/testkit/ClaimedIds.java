package dev.idem.idempotency.testkit;

import dev.idem.idempotency.spi.ClaimRequest;
import dev.idem.idempotency.spi.ClaimResult;
import dev.idem.idempotency.spi.Completion;
import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.IdempotencyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The record ids that claims through a watched store asked for, in order. Thread-safe. */
final class ClaimedIds {

  private final List<String> ids = new CopyOnWriteArrayList<>();

  /** {@code store}, noting the id of every claim made through it. */
  IdempotencyStore watching(IdempotencyStore store) {
    return new IdempotencyStore() {
      @Override
      public ClaimResult claim(ClaimRequest claim) {
        ids.add(claim.id());
        return store.claim(claim);
      }

      @Override
      public boolean complete(Completion completion) {
        return store.complete(completion);
      }

      @Override
      public boolean release(String id, String leaseToken) {
        return store.release(id, leaseToken);
      }

      @Override
      public Optional<IdempotencyRecord> get(String id) {
        return store.get(id);
      }

      @Override
      public void prime() {
        store.prime();
      }
    };
  }

  /**
   * The first claimed id.
   *
   * @throws IllegalStateException if nothing was claimed yet
   */
  String first() {
    if (ids.isEmpty()) {
      throw new IllegalStateException("No claim went through the store yet");
    }
    return ids.getFirst();
  }
}
