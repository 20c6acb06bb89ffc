package dev.idem.idempotency.memory;

import dev.idem.idempotency.spi.ClaimRequest;
import dev.idem.idempotency.spi.ClaimResult;
import dev.idem.idempotency.spi.Completion;
import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.IdempotencyStore;
import dev.idem.idempotency.spi.RecordStatus;
import dev.idem.idempotency.spi.StoredResponse;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An idempotency store in this JVM's memory, for users' unit tests. It keeps the same rules as the
 * DynamoDB store (the library's contract tests run against both): conditional claim that returns
 * the existing record, completion and release fenced by the lease token, expiry judged from the
 * caller's clock, the same response size limit. It does not support the transactional modes, which
 * need DynamoDB. Thread-safe.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

  private final ConcurrentMap<String, IdempotencyRecord> records = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryIdempotencyStore() {}

  @Override
  public ClaimResult claim(ClaimRequest claim) {
    ClaimResult[] result = new ClaimResult[1];
    records.compute(
        claim.id(),
        (id, existing) -> {
          if (existing != null && !existing.isClaimable(claim.now())) {
            result[0] = new ClaimResult.Existing(existing);
            return existing;
          }
          boolean tookOver = existing != null && existing.status() == RecordStatus.IN_PROGRESS;
          result[0] = new ClaimResult.Claimed(tookOver);
          return stored(claim.toRecord());
        });
    return result[0];
  }

  @Override
  public boolean complete(Completion completion) {
    StoredResponse.encode(completion.response());
    boolean[] done = new boolean[1];
    records.computeIfPresent(
        completion.id(),
        (id, existing) -> {
          if (!completion.leaseToken().equals(existing.leaseToken())) {
            return existing;
          }
          done[0] = true;
          return stored(completion.toRecord());
        });
    return done[0];
  }

  @Override
  public boolean release(String id, String leaseToken) {
    boolean[] done = new boolean[1];
    records.computeIfPresent(
        id,
        (key, existing) -> {
          if (!leaseToken.equals(existing.leaseToken())) {
            return existing;
          }
          done[0] = true;
          return null;
        });
    return done[0];
  }

  @Override
  public Optional<IdempotencyRecord> get(String id) {
    return Optional.ofNullable(records.get(id));
  }

  /**
   * The record at the precision DynamoDB keeps: expiry in epoch seconds, lease in epoch
   * milliseconds. Expiry is then judged the same in both stores.
   */
  private static IdempotencyRecord stored(IdempotencyRecord record) {
    return new IdempotencyRecord(
        record.id(),
        record.status(),
        record.expiry().truncatedTo(ChronoUnit.SECONDS),
        record.leaseExpiry() == null ? null : record.leaseExpiry().truncatedTo(ChronoUnit.MILLIS),
        record.leaseToken(),
        record.fingerprint(),
        record.response());
  }

  /** How many records the store holds, expired ones included. */
  public int size() {
    return records.size();
  }

  /** Removes every record. */
  public void clear() {
    records.clear();
  }
}
