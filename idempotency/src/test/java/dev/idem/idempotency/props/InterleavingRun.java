package dev.idem.idempotency.props;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.idempotency.spi.ClaimRequest;
import dev.idem.idempotency.spi.ClaimResult;
import dev.idem.idempotency.spi.Completion;
import dev.idem.idempotency.spi.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one interleaving against a store and, step by step, against a {@link RecordModel} per key.
 * After every step the store's answer must equal the model's, the stored record must equal the
 * model's state, and the {@link KeyLedger} invariants must hold.
 */
final class InterleavingRun {

  static final Duration LEASE = Duration.ofSeconds(10);
  static final Duration RECORD_TTL = Duration.ofSeconds(60);

  /** Far enough ahead that DynamoDB's own TTL sweeper never deletes a record under test. */
  static final Instant START = Instant.parse("2100-01-01T00:00:00Z");

  private final IdempotencyStore store;
  private final String namespace;
  private final Map<Integer, RecordModel> models = new HashMap<>();
  private final Map<Integer, KeyLedger> ledgers = new HashMap<>();
  private final Map<String, Attempt> attempts = new HashMap<>();
  private final Set<Observed> observed = EnumSet.noneOf(Observed.class);
  private Instant now = START;
  private int step;

  /** The latest claim attempt of one invocation on one key. */
  private record Attempt(String token, Instant expiry) {}

  /**
   * @param namespace makes this run's record ids unique in a shared store
   */
  InterleavingRun(IdempotencyStore store, String namespace) {
    this.store = store;
    this.namespace = namespace;
  }

  void run(List<StoreOp> ops) {
    for (StoreOp op : ops) {
      step++;
      switch (op) {
        case StoreOp.Claim claim -> claim(claim.invocation(), claim.key());
        case StoreOp.Complete complete -> complete(complete.invocation(), complete.key());
        case StoreOp.Release release -> release(release.invocation(), release.key());
        case StoreOp.Advance advance -> now = now.plusMillis(advance.millis());
      }
      models.keySet().forEach(this::assertStoredStateMatchesModel);
    }
  }

  private void claim(int invocation, int key) {
    String token = "token-" + step + "-" + invocation;
    Instant leaseExpiry = now.plus(LEASE);
    Instant expiry = now.plus(RECORD_TTL);
    attempts.put(invocation + "/" + key, new Attempt(token, expiry));

    ClaimResult result =
        store.claim(new ClaimRequest(id(key), fingerprint(key), token, leaseExpiry, expiry, now));
    RecordModel.State before = model(key).state();
    RecordModel.ClaimOutcome expected =
        model(key).claim(token, now, leaseExpiry, inWholeSeconds(expiry));
    observeClaim(before, expected);

    String what = "step " + step + ": claim of key " + key + " by invocation " + invocation;
    if (expected.claimed()) {
      assertThat(result).as(what).isEqualTo(new ClaimResult.Claimed(expected.tookOver()));
    } else {
      assertThat(result).as(what).isInstanceOf(ClaimResult.Existing.class);
      ClaimResult.Existing existing = (ClaimResult.Existing) result;
      assertThat(RecordModel.State.of(existing.record())).as(what).isEqualTo(expected.existing());
      assertThat(existing.record().fingerprint()).as(what).isEqualTo(fingerprint(key));
    }
    ledger(key).onClaim(token, now, leaseExpiry, result);
  }

  private void complete(int invocation, int key) {
    Attempt attempt = attempt(invocation, key);
    String response = "\"response of step " + step + "\"";
    Completion completion =
        new Completion(id(key), attempt.token(), fingerprint(key), response, attempt.expiry());

    boolean completed = store.complete(completion);

    assertThat(completed)
        .as("step %d: complete of key %d by invocation %d", step, key, invocation)
        .isEqualTo(
            model(key).complete(attempt.token(), response, inWholeSeconds(attempt.expiry())));
    ledger(key)
        .onComplete(attempt.token(), now, response, inWholeSeconds(attempt.expiry()), completed);
    observe(completed, Observed.COMPLETED);
  }

  private void release(int invocation, int key) {
    Attempt attempt = attempt(invocation, key);

    boolean released = store.release(id(key), attempt.token());

    assertThat(released)
        .as("step %d: release of key %d by invocation %d", step, key, invocation)
        .isEqualTo(model(key).release(attempt.token()));
    ledger(key).onRelease(attempt.token(), released);
    observe(released, Observed.RELEASED);
  }

  /** The situations this run reached so far. */
  Set<Observed> observed() {
    return Set.copyOf(observed);
  }

  private void observeClaim(RecordModel.State before, RecordModel.ClaimOutcome claim) {
    if (!claim.claimed()) {
      observed.add(
          before instanceof RecordModel.InProgress
              ? Observed.REFUSED_BY_HOLDER
              : Observed.REFUSED_BY_COMPLETED);
    } else if (before instanceof RecordModel.InProgress) {
      observed.add(Observed.TAKEOVER);
    } else if (before instanceof RecordModel.Completed) {
      observed.add(Observed.RECLAIMED_AFTER_EXPIRY);
    }
  }

  private void observe(boolean succeeded, Observed success) {
    observed.add(succeeded ? success : Observed.STALE_TOKEN_REFUSED);
  }

  private void assertStoredStateMatchesModel(int key) {
    assertThat(RecordModel.State.of(store.get(id(key))))
        .as("step %d: stored record of key %d", step, key)
        .isEqualTo(model(key).state());
  }

  /** An invocation that never claimed the key acts with a token no claim ever used. */
  private Attempt attempt(int invocation, int key) {
    return attempts.getOrDefault(
        invocation + "/" + key, new Attempt("never-claimed-" + invocation, now.plus(RECORD_TTL)));
  }

  private RecordModel model(int key) {
    return models.computeIfAbsent(key, k -> new RecordModel());
  }

  private KeyLedger ledger(int key) {
    return ledgers.computeIfAbsent(key, k -> new KeyLedger());
  }

  private String id(int key) {
    return "props#" + namespace + "-" + key;
  }

  /** Stores keep a record's expiry in epoch seconds (and its lease expiry in epoch ms). */
  private static Instant inWholeSeconds(Instant expiry) {
    return expiry.truncatedTo(ChronoUnit.SECONDS);
  }

  private static String fingerprint(int key) {
    return "fingerprint-" + key;
  }
}
