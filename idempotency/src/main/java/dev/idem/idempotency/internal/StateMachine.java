package dev.idem.idempotency.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.idem.idempotency.Decision;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.IdempotencyConfigurationException;
import dev.idem.idempotency.IdempotencyStoreException;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import dev.idem.idempotency.LeaseLostException;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.PayloadMismatchException;
import dev.idem.idempotency.TransactionWrites;
import dev.idem.idempotency.TransactionalWork;
import dev.idem.idempotency.Work;
import dev.idem.idempotency.spi.ClaimRequest;
import dev.idem.idempotency.spi.ClaimResult;
import dev.idem.idempotency.spi.Completion;
import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.RecordStatus;
import dev.idem.idempotency.spi.TransactionalIdempotencyStore;
import dev.idem.idempotency.spi.WriteRejectedException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/*
 * Design note (for maintainers).
 *
 * A key's record moves through three states:
 *
 *   absent --claim--> IN_PROGRESS(lease token, lease expiry) --complete--> COMPLETED(response)
 *      ^                     |  work failed or asked for a retry             | record expiry passes
 *      +---------------------+---------- release (fenced by the token) <-----+
 *
 * Two clocks govern a record. The lease expiry (epoch ms) bounds how long a holder may run before
 * others may assume it crashed or timed out and take the key over; by default it is the Lambda
 * invocation's remaining time, because after that the holder is dead anyway. The record expiry
 * (epoch s, also the table's TTL attribute) bounds how long a completed response is replayed. The
 * library judges both itself: DynamoDB TTL deletes expired items up to days late, so the store
 * treats an expired record as absent in its claim condition.
 *
 * Why the claim comes first: in the common case the key is new, and one conditional write both
 * tests and takes it. When the write is refused the store returns the existing record in the same
 * round trip, so a duplicate costs one call and no write; a read-before-write would cost every
 * first call a second round trip and still race.
 *
 * Why a lease token: a holder that outlives its lease may wake up after another invocation took
 * the key over. Completion and release are conditional on the token, so the late holder can
 * neither overwrite the new holder's result nor delete its claim.
 *
 * Why a refused claim may still be ours: the SDK retries a write whose answer was lost, and the
 * retry of an applied claim finds the record it wrote. Its lease token — random per claim — says
 * so, and the call goes on holding the key instead of reporting itself in flight.
 *
 * Expected outcomes of the store (claimed, existing, lease lost) are values; a rejected write of the
 * work's, which the SPI signals with WriteRejectedException, reaches the caller as the value
 * Outcome.Rejected: "not enough stock" is a business answer the caller matches on. Only the store's
 * failures are exceptions. The user's exceptions pass through unchanged, after the key is released.
 */

/** Runs work at most once per key. Thread-safe; holds no per-call state. */
public final class StateMachine {

  private static final System.Logger LOG = System.getLogger(StateMachine.class.getName());
  private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

  private final Settings settings;

  /** A state machine over validated settings. */
  public StateMachine(Settings settings) {
    this.settings = settings;
  }

  /** Guard mode: claim, run the work, complete. */
  public <T, E extends Exception> T execute(
      IdempotentRequest request, JavaType type, Work<T, E> work) throws E {
    Call call = begin(request);
    T cached = fromCache(call, type);
    if (call.done) {
      return cached;
    }
    ClaimRequest claim = call.claimRequest(request);
    ClaimResult result = call.timed(() -> settings.store().claim(claim));
    if (result instanceof ClaimResult.Existing existing && !isOwnClaim(existing, claim)) {
      return fromExisting(call, existing.record(), type);
    }
    boolean tookOver = result instanceof ClaimResult.Claimed claimed && claimed.tookOver();
    T response = runHolding(call, claim.leaseToken(), work::run);
    if (isRetryable(request, response)) {
      release(call, claim.leaseToken());
      call.finish(Decision.RELEASED);
      return response;
    }
    completeGuarded(call, claim, response, tookOver);
    return response;
  }

  /** Transactional completion: claim, run the work, commit its writes with the record. */
  public <T, E extends Exception> Outcome<T> executeTransactional(
      IdempotentRequest request, JavaType type, TransactionalWork<T, E> work) throws E {
    TransactionalIdempotencyStore store = transactionalStore();
    Call call = begin(request);
    T cached = fromCache(call, type);
    if (call.done) {
      return new Outcome.Done<>(cached, true);
    }
    ClaimRequest claim = call.claimRequest(request);
    ClaimResult result = call.timed(() -> store.claim(claim));
    if (result instanceof ClaimResult.Existing existing && !isOwnClaim(existing, claim)) {
      return new Outcome.Done<>(fromExisting(call, existing.record(), type), true);
    }
    boolean tookOver = result instanceof ClaimResult.Claimed claimed && claimed.tookOver();
    TransactionWrites writes = new TransactionWrites();
    T response = runHolding(call, claim.leaseToken(), () -> work.run(writes));
    if (isRetryable(request, response)) {
      release(call, claim.leaseToken());
      call.finish(Decision.RELEASED);
      return new Outcome.Done<>(response);
    }
    Completion completion;
    boolean committed;
    try {
      completion = completion(call, claim, response);
      committed = call.timed(() -> store.complete(completion, writes.items()));
    } catch (WriteRejectedException rejected) {
      // A business rejection: nothing was committed, and the key is freed for a retry as after
      // any failure, but the caller gets it as a value.
      releaseAfterRejection(call, claim.leaseToken());
      return new Outcome.Rejected<>(rejected.writeIndex(), rejected.item());
    } catch (RuntimeException e) {
      // Nothing was committed (a conflict, an oversized response): free the key so a retry can
      // run.
      releaseAfterFailure(call, claim.leaseToken(), e);
      throw e;
    }
    if (!committed) {
      call.finish(Decision.LEASE_LOST);
      throw new LeaseLostException(call.keyHash);
    }
    settings.cache().put(completion.toRecord());
    call.finish(tookOver ? Decision.LEASE_TAKEOVER : Decision.FIRST_EXECUTION);
    return new Outcome.Done<>(response);
  }

  /** Single transaction: run the work first, then claim, commit writes and record at once. */
  public <T, E extends Exception> Outcome<T> executeInSingleTransaction(
      IdempotentRequest request, JavaType type, TransactionalWork<T, E> work) throws E {
    TransactionalIdempotencyStore store = transactionalStore();
    Call call = begin(request);
    T cached = fromCache(call, type);
    if (call.done) {
      return new Outcome.Done<>(cached, true);
    }
    TransactionWrites writes = new TransactionWrites();
    T response = work.run(writes);
    if (isRetryable(request, response)) {
      call.finish(Decision.RELEASED);
      return new Outcome.Done<>(response);
    }
    ClaimRequest claim = call.claimRequest(request);
    Completion completion = completion(call, claim, response);
    ClaimResult result;
    try {
      result = call.timed(() -> store.claimCompleted(claim, completion, writes.items()));
    } catch (WriteRejectedException rejected) {
      // Nothing was written, not even a claim: the key stays free.
      return new Outcome.Rejected<>(rejected.writeIndex(), rejected.item());
    }
    if (result instanceof ClaimResult.Existing existing) {
      return new Outcome.Done<>(fromExisting(call, existing.record(), type), true);
    }
    settings.cache().put(completion.toRecord());
    call.finish(Decision.FIRST_EXECUTION);
    return new Outcome.Done<>(response);
  }

  private Call begin(IdempotentRequest request) {
    String id = RecordIds.of(settings.keyPrefix(), request.caller(), request.key());
    String fingerprint = Fingerprints.of(request.payload(), settings.mapper());
    return new Call(id, fingerprint, settings.clock().instant());
  }

  private <T> T fromCache(Call call, JavaType type) {
    var cached = settings.cache().get(call.id, call.now);
    if (cached.isEmpty()) {
      return null;
    }
    IdempotencyRecord record = cached.get();
    if (!record.fingerprint().equals(call.fingerprint)) {
      call.finish(Decision.PAYLOAD_MISMATCH);
      throw new PayloadMismatchException(call.keyHash);
    }
    call.finish(Decision.CACHE_HIT);
    return decode(record, type);
  }

  /**
   * Whether the record a refused claim found is this very claim: its write took effect, but its
   * answer was lost and the SDK's retry ran into it. The lease token is random per claim, so only
   * this claim can have written it; the key is held by this call.
   */
  private static boolean isOwnClaim(ClaimResult.Existing existing, ClaimRequest claim) {
    IdempotencyRecord record = existing.record();
    return record.status() == RecordStatus.IN_PROGRESS
        && claim.leaseToken().equals(record.leaseToken());
  }

  private <T> T fromExisting(Call call, IdempotencyRecord record, JavaType type) {
    if (!record.fingerprint().equals(call.fingerprint)) {
      call.finish(Decision.PAYLOAD_MISMATCH);
      throw new PayloadMismatchException(call.keyHash);
    }
    if (record.status() == RecordStatus.COMPLETED) {
      settings.cache().put(record);
      call.finish(Decision.REPLAY);
      return decode(record, type);
    }
    call.finish(Decision.IN_FLIGHT);
    Duration left = Duration.between(call.now, record.leaseExpiry());
    throw new InFlightException(
        call.keyHash, left.compareTo(MIN_RETRY_AFTER) < 0 ? MIN_RETRY_AFTER : roundUp(left));
  }

  private <T, E extends Exception> T runHolding(Call call, String leaseToken, Work<T, E> work)
      throws E {
    try {
      return work.run();
    } catch (Throwable t) {
      releaseAfterFailure(call, leaseToken, t);
      throw t;
    }
  }

  private <T> void completeGuarded(Call call, ClaimRequest claim, T response, boolean tookOver) {
    Completion completion;
    boolean completed;
    try {
      completion = completion(call, claim, response);
      completed = call.timed(() -> settings.store().complete(completion));
    } catch (IdempotencyStoreException e) {
      // The work's effects happened; throwing would make the event source retry them. The key
      // stays held until its lease ends, then a retry may run the work again.
      LOG.log(System.Logger.Level.WARNING, "Completion of key {0} not recorded", call.keyHash, e);
      call.finish(Decision.COMPLETION_FAILED);
      return;
    } catch (RuntimeException e) {
      releaseAfterFailure(call, claim.leaseToken(), e);
      throw e;
    }
    if (!completed) {
      call.finish(Decision.LEASE_LOST);
      return;
    }
    settings.cache().put(completion.toRecord());
    call.finish(tookOver ? Decision.LEASE_TAKEOVER : Decision.FIRST_EXECUTION);
  }

  private Completion completion(Call call, ClaimRequest claim, Object response) {
    return new Completion(
        call.id, claim.leaseToken(), call.fingerprint, encode(response), claim.recordExpiry());
  }

  private void release(Call call, String leaseToken) {
    boolean released = call.timed(() -> settings.store().release(call.id, leaseToken));
    LOG.log(System.Logger.Level.DEBUG, "Key {0} released: {1}", call.keyHash, released);
  }

  private void releaseAfterFailure(Call call, String leaseToken, Throwable failure) {
    try {
      release(call, leaseToken);
    } catch (RuntimeException releaseFailure) {
      failure.addSuppressed(releaseFailure);
    }
    call.finish(Decision.RELEASED);
  }

  private void releaseAfterRejection(Call call, String leaseToken) {
    try {
      release(call, leaseToken);
    } catch (RuntimeException releaseFailure) {
      // The rejection stands; the key frees itself when its lease ends.
      LOG.log(
          System.Logger.Level.WARNING,
          "Key {0} not released after a rejection",
          call.keyHash,
          releaseFailure);
    }
    call.finish(Decision.RELEASED);
  }

  private boolean isRetryable(IdempotentRequest request, Object response) {
    return request.retryWhen() != null && request.retryWhen().test(response);
  }

  private String encode(Object response) {
    try {
      return settings.mapper().writeValueAsString(response);
    } catch (JsonProcessingException e) {
      throw new IdempotencyConfigurationException(
          "The response of type "
              + response.getClass().getName()
              + " cannot be written as JSON; make it a record or give the ObjectMapper a serializer",
          e);
    }
  }

  private <T> T decode(IdempotencyRecord record, JavaType type) {
    try {
      return settings.mapper().readValue(record.response(), type);
    } catch (JsonProcessingException e) {
      throw new IdempotencyConfigurationException(
          "A stored response cannot be read as "
              + type
              + "; when a response type changes incompatibly, change the key prefix",
          e);
    }
  }

  private TransactionalIdempotencyStore transactionalStore() {
    if (settings.store() instanceof TransactionalIdempotencyStore store) {
      return store;
    }
    throw new IdempotencyConfigurationException(
        "Transactional modes need a TransactionalIdempotencyStore such as DynamoDbIdempotencyStore;"
            + " this store is a "
            + settings.store().getClass().getSimpleName());
  }

  private static Duration roundUp(Duration duration) {
    long seconds = duration.toSeconds() + (duration.toMillisPart() > 0 ? 1 : 0);
    return Duration.ofSeconds(seconds);
  }

  /** One call's state: its ids, its start time and what it has spent on the store. */
  private final class Call {
    final String id;
    final String keyHash;
    final String fingerprint;
    final Instant now;
    int storeCalls;
    long storeNanos;
    boolean done;

    Call(String id, String fingerprint, Instant now) {
      this.id = id;
      this.keyHash = RecordIds.hash(id);
      this.fingerprint = fingerprint;
      this.now = now;
    }

    ClaimRequest claimRequest(IdempotentRequest request) {
      Duration lease = settings.leaseDuration();
      if (lease == null) {
        lease = request.remaining().orElse(settings.defaultLease());
      }
      // At the precision the store keeps (lease in ms, record in s), so the container's cache
      // judges expiry exactly as the store does.
      return new ClaimRequest(
          id,
          fingerprint,
          UUID.randomUUID().toString(),
          now.plus(lease).truncatedTo(ChronoUnit.MILLIS),
          now.plus(settings.recordTtl()).truncatedTo(ChronoUnit.SECONDS),
          now);
    }

    <R> R timed(java.util.function.Supplier<R> storeCall) {
      long start = System.nanoTime();
      try {
        return storeCall.get();
      } finally {
        storeCalls++;
        storeNanos += System.nanoTime() - start;
      }
    }

    void finish(Decision decision) {
      done = true;
      LOG.log(System.Logger.Level.DEBUG, "Key {0}: {1}", keyHash, decision);
      DecisionEvent event =
          new DecisionEvent(
              settings.keyPrefix(), keyHash, decision, storeCalls, Duration.ofNanos(storeNanos));
      try {
        settings.listener().onDecision(event);
      } catch (RuntimeException ignored) {
        // A listener must never change the outcome of the call.
      }
    }
  }
}
