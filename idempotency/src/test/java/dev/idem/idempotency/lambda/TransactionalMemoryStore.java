package dev.idem.idempotency.lambda;

import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.idempotency.spi.ClaimRequest;
import dev.idem.idempotency.spi.ClaimResult;
import dev.idem.idempotency.spi.Completion;
import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.TransactionalIdempotencyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The in-memory store with transactions: a transaction's writes are recorded as committed only when
 * its record is written too. A failure can be scripted for the next transaction, which then writes
 * nothing, as a cancelled DynamoDB transaction would.
 */
final class TransactionalMemoryStore implements TransactionalIdempotencyStore {

  private final InMemoryIdempotencyStore delegate = new InMemoryIdempotencyStore();
  private final List<TransactWriteItem> committed = new ArrayList<>();
  private RuntimeException nextFailure;

  /** The next transaction throws {@code failure} and writes nothing. */
  synchronized void failNextTransaction(RuntimeException failure) {
    this.nextFailure = failure;
  }

  /** Every write committed so far, in order. */
  synchronized List<TransactWriteItem> committed() {
    return List.copyOf(committed);
  }

  /** How many records the store holds. */
  int size() {
    return delegate.size();
  }

  @Override
  public synchronized ClaimResult claimCompleted(
      ClaimRequest claim, Completion completion, List<TransactWriteItem> writes) {
    throwScriptedFailure();
    ClaimResult result = delegate.claim(claim);
    if (result instanceof ClaimResult.Claimed) {
      delegate.complete(completion);
      committed.addAll(writes);
    }
    return result;
  }

  @Override
  public synchronized boolean complete(Completion completion, List<TransactWriteItem> writes) {
    throwScriptedFailure();
    boolean completed = delegate.complete(completion);
    if (completed) {
      committed.addAll(writes);
    }
    return completed;
  }

  @Override
  public ClaimResult claim(ClaimRequest claim) {
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

  private void throwScriptedFailure() {
    RuntimeException failure = nextFailure;
    nextFailure = null;
    if (failure != null) {
      throw failure;
    }
  }
}
