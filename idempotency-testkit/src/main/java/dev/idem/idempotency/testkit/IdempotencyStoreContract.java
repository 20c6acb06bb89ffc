package dev.idem.idempotency.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idem.idempotency.ResponseTooLargeException;
import dev.idem.idempotency.spi.ClaimRequest;
import dev.idem.idempotency.spi.ClaimResult;
import dev.idem.idempotency.spi.Completion;
import dev.idem.idempotency.spi.IdempotencyRecord;
import dev.idem.idempotency.spi.IdempotencyStore;
import dev.idem.idempotency.spi.RecordStatus;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules every {@link IdempotencyStore} keeps, run against each store so they cannot drift
 * apart. A subclass supplies the store; every test uses keys of its own, so the store may be shared
 * across tests. Time is the caller's: the clock starts at a whole second and moves only when a test
 * moves it.
 */
public abstract class IdempotencyStoreContract {

  protected static final Duration LEASE = Duration.ofSeconds(30);
  protected static final Duration TTL = Duration.ofHours(1);

  protected final TestClock clock = TestClock.atCurrentSecond();

  /** A payload's SHA-256, hex; stores keep it as an opaque string. */
  private final String fingerprint =
      "239f59ed55e737c77147cf55ad0c1b030b6d7ee748a7426952f9b852d5a935e5";

  /** The store under test. */
  protected abstract IdempotencyStore store();

  @Test
  void claim_absentKey_claimedAndRecordInProgress() {
    ClaimRequest claim = claim(newId());

    assertThat(store().claim(claim)).isEqualTo(new ClaimResult.Claimed(false));
    assertThat(store().get(claim.id())).contains(claim.toRecord());
  }

  @Test
  void claim_liveInProgress_existingWithHolderRecordAndNothingWritten() {
    ClaimRequest holder = claim(newId());
    store().claim(holder);
    clock.advance(LEASE.minusMillis(1));

    ClaimResult result = store().claim(claim(holder.id()));

    assertThat(result).isEqualTo(new ClaimResult.Existing(holder.toRecord()));
    IdempotencyRecord existing = ((ClaimResult.Existing) result).record();
    assertThat(existing.fingerprint()).isEqualTo(fingerprint);
    assertThat(existing.leaseExpiry()).isEqualTo(holder.leaseExpiry());
    assertThat(store().get(holder.id())).contains(holder.toRecord());
  }

  @Test
  void claim_completed_existingWithResponse() {
    ClaimRequest holder = claimAndComplete(newId(), "{\"receipt\":42}");

    ClaimResult result = store().claim(claim(holder.id()));

    assertThat(result).isInstanceOf(ClaimResult.Existing.class);
    IdempotencyRecord existing = ((ClaimResult.Existing) result).record();
    assertThat(existing.status()).isEqualTo(RecordStatus.COMPLETED);
    assertThat(existing.response()).isEqualTo("{\"receipt\":42}");
    assertThat(existing.fingerprint()).isEqualTo(fingerprint);
    assertThat(existing.expiry()).isEqualTo(holder.recordExpiry());
  }

  @Test
  void claim_afterLeaseExpiry_claimedWithTakeover() {
    ClaimRequest holder = claim(newId());
    store().claim(holder);
    clock.advance(LEASE.plusMillis(1));
    ClaimRequest taker = claim(holder.id());

    assertThat(store().claim(taker)).isEqualTo(new ClaimResult.Claimed(true));
    assertThat(store().get(holder.id()).map(IdempotencyRecord::leaseToken))
        .contains(taker.leaseToken());
  }

  @Test
  void claim_atLeaseExpiry_claimedWithTakeover() {
    ClaimRequest holder = claim(newId());
    store().claim(holder);
    clock.set(holder.leaseExpiry());

    assertThat(store().claim(claim(holder.id()))).isEqualTo(new ClaimResult.Claimed(true));
  }

  @Test
  void claim_subSecondTimes_expiryKeptInEpochSecondsAndLeaseInEpochMillis() {
    Instant now = clock.instant().plusNanos(1_234_567_890);
    ClaimRequest claim =
        new ClaimRequest(newId(), fingerprint, "token", now.plus(LEASE), now.plus(TTL), now);
    store().claim(claim);

    IdempotencyRecord record = store().get(claim.id()).orElseThrow();

    assertThat(record.expiry()).isEqualTo(now.plus(TTL).truncatedTo(ChronoUnit.SECONDS));
    assertThat(record.leaseExpiry()).isEqualTo(now.plus(LEASE).truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void claim_afterRecordExpiry_claimedWithoutTakeover() {
    ClaimRequest first = claimAndComplete(newId(), "\"old\"");
    clock.advance(TTL.plusSeconds(1));
    ClaimRequest second = claim(first.id());

    assertThat(store().claim(second)).isEqualTo(new ClaimResult.Claimed(false));
    assertThat(store().get(first.id())).contains(second.toRecord());
  }

  @Test
  void claim_atRecordExpiry_claimed() {
    ClaimRequest first = claimAndComplete(newId(), "\"old\"");
    clock.set(first.recordExpiry());

    assertThat(store().claim(claim(first.id()))).isEqualTo(new ClaimResult.Claimed(false));
  }

  @Test
  void claim_justBeforeRecordExpiry_existing() {
    ClaimRequest first = claimAndComplete(newId(), "\"old\"");
    clock.set(first.recordExpiry().minusMillis(1));

    assertThat(store().claim(claim(first.id()))).isInstanceOf(ClaimResult.Existing.class);
  }

  @Test
  void complete_withHolderToken_trueAndRecordCompleted() {
    ClaimRequest holder = claim(newId());
    store().claim(holder);

    assertThat(store().complete(completion(holder, "\"done\""))).isTrue();
    assertThat(store().get(holder.id()))
        .contains(
            new IdempotencyRecord(
                holder.id(),
                RecordStatus.COMPLETED,
                holder.recordExpiry(),
                null,
                null,
                fingerprint,
                "\"done\""));
  }

  @Test
  void complete_staleTokenAfterTakeover_falseAndRecordUnchanged() {
    ClaimRequest stale = claim(newId());
    store().claim(stale);
    clock.advance(LEASE.plusSeconds(1));
    ClaimRequest taker = claim(stale.id());
    store().claim(taker);

    assertThat(store().complete(completion(stale, "\"late\""))).isFalse();
    assertThat(store().get(stale.id())).contains(taker.toRecord());
  }

  @Test
  void complete_staleTokenAfterTakerCompleted_falseAndResponseKept() {
    ClaimRequest stale = claim(newId());
    store().claim(stale);
    clock.advance(LEASE.plusSeconds(1));
    ClaimRequest taker = claimAndComplete(stale.id(), "\"taker\"");

    assertThat(store().complete(completion(stale, "\"late\""))).isFalse();
    assertThat(store().get(stale.id())).contains(completion(taker, "\"taker\"").toRecord());
  }

  @Test
  void complete_afterRelease_falseAndNoRecordCreated() {
    ClaimRequest holder = claim(newId());
    store().claim(holder);
    store().release(holder.id(), holder.leaseToken());

    assertThat(store().complete(completion(holder, "\"late\""))).isFalse();
    assertThat(store().get(holder.id())).isEmpty();
  }

  @Test
  void release_withHolderToken_freesKey() {
    ClaimRequest holder = claim(newId());
    store().claim(holder);

    assertThat(store().release(holder.id(), holder.leaseToken())).isTrue();
    assertThat(store().get(holder.id())).isEmpty();
    assertThat(store().claim(claim(holder.id()))).isEqualTo(new ClaimResult.Claimed(false));
  }

  @Test
  void release_staleTokenAfterTakeover_falseAndRecordKept() {
    ClaimRequest stale = claim(newId());
    store().claim(stale);
    clock.advance(LEASE.plusSeconds(1));
    ClaimRequest taker = claim(stale.id());
    store().claim(taker);

    assertThat(store().release(stale.id(), stale.leaseToken())).isFalse();
    assertThat(store().get(stale.id())).contains(taker.toRecord());
  }

  @Test
  void release_completedRecord_falseAndResponseKept() {
    ClaimRequest holder = claimAndComplete(newId(), "\"done\"");

    assertThat(store().release(holder.id(), holder.leaseToken())).isFalse();
    assertThat(store().get(holder.id()).flatMap(IdempotencyRecord::responseJson))
        .contains("\"done\"");
  }

  @Test
  void get_absentKey_empty() {
    assertThat(store().get(newId())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"null", "\"\"", "0", "false", "[]", "{}", "\"é€😀\"", "[null,{\"a\":\"\"}]"})
  void complete_edgeJsonResponse_roundTripsThroughGetAndClaim(String json) {
    ClaimRequest holder = claimAndComplete(newId(), json);

    assertThat(store().get(holder.id()).flatMap(IdempotencyRecord::responseJson)).contains(json);
    assertThat(store().claim(claim(holder.id())))
        .isEqualTo(new ClaimResult.Existing(completion(holder, json).toRecord()));
  }

  @Test
  void complete_oversizedIncompressibleResponse_throwsAndRecordStillInProgress() {
    ClaimRequest holder = claim(newId());
    store().claim(holder);
    byte[] noise = new byte[450 * 1024];
    new Random(42).nextBytes(noise);
    String json = "\"" + Base64.getEncoder().encodeToString(noise) + "\"";

    assertThatThrownBy(() -> store().complete(completion(holder, json)))
        .isInstanceOf(ResponseTooLargeException.class);
    assertThat(store().get(holder.id())).contains(holder.toRecord());
  }

  @Test
  void complete_largeCompressibleResponse_roundTrips() {
    String json = "\"" + "a compressible line of text. ".repeat(7_500) + "\"";
    assertThat(json.length()).isGreaterThan(200 * 1024);

    ClaimRequest holder = claimAndComplete(newId(), json);

    assertThat(store().get(holder.id()).flatMap(IdempotencyRecord::responseJson)).contains(json);
    assertThat(store().claim(claim(holder.id())))
        .isEqualTo(new ClaimResult.Existing(completion(holder, json).toRecord()));
  }

  /** A record id no other test uses. */
  protected String newId() {
    return "contract#" + UUID.randomUUID();
  }

  /** A claim of {@code id} at the clock's time, with a fresh lease token. */
  protected ClaimRequest claim(String id) {
    Instant now = clock.instant();
    return new ClaimRequest(
        id, fingerprint, UUID.randomUUID().toString(), now.plus(LEASE), now.plus(TTL), now);
  }

  /** The holder's completion with {@code json}. */
  protected Completion completion(ClaimRequest holder, String json) {
    return new Completion(
        holder.id(), holder.leaseToken(), fingerprint, json, holder.recordExpiry());
  }

  private ClaimRequest claimAndComplete(String id, String json) {
    ClaimRequest holder = claim(id);
    assertThat(store().claim(holder)).isInstanceOf(ClaimResult.Claimed.class);
    assertThat(store().complete(completion(holder, json))).isTrue();
    return holder;
  }
}
