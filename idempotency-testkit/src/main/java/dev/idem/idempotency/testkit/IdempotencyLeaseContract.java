package dev.idem.idempotency.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import dev.idem.idempotency.spi.IdempotencyRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Record expiry, leases and fencing. A holder that has not finished is a {@link BlockedHolder}: its
 * work waits on a latch while the test moves the clock and lets other callers in.
 */
public abstract class IdempotencyLeaseContract extends IdempotencyContract {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private final IdempotentRequest request = IdempotentRequest.of("ship-3", "parcel");

  @Test
  void execute_afterRecordTtl_runsAgain() {
    idempotency().execute(request, String.class, work("first"));
    clock.advance(TTL);

    String response = idempotency().execute(request, String.class, work("second"));

    assertThat(response).isEqualTo("second");
    assertThat(runs).hasValue(2);
    assertThat(listener.decisions())
        .containsExactly(Decision.FIRST_EXECUTION, Decision.FIRST_EXECUTION);
  }

  @Test
  void execute_justBeforeRecordTtl_replays() {
    idempotency().execute(request, String.class, work("first"));
    clock.advance(TTL.minusMillis(1));

    assertThat(idempotency().execute(request, String.class, work("second"))).isEqualTo("first");
  }

  @Test
  void execute_holderNeverCompletes_inFlightUntilLeaseExpiresThenTakeover() throws Exception {
    Idempotency idempotency = builder().leaseDuration(LEASE).build();
    try (BlockedHolder<String> holder = blockedHolder(idempotency, request, "stuck")) {
      clock.advance(Duration.ofMillis(10_400));

      assertThat(inFlight(idempotency, request).retryAfter()).isEqualTo(Duration.ofSeconds(20));
      assertThat(listener.last().decision()).isEqualTo(Decision.IN_FLIGHT);
      assertThat(listener.last().storeCalls()).isEqualTo(1);
      clock.advance(Duration.ofMillis(19_600));
      String taken = idempotency.execute(request, String.class, work("taker"));

      assertThat(taken).isEqualTo("taker");
      assertThat(listener.last().decision()).isEqualTo(Decision.LEASE_TAKEOVER);
    }
  }

  @Test
  void execute_inFlightNearLeaseEnd_retryAfterAtLeastOneSecond() throws Exception {
    Idempotency idempotency = builder().leaseDuration(LEASE).build();
    try (BlockedHolder<String> holder = blockedHolder(idempotency, request, "stuck")) {
      clock.advance(LEASE.minusMillis(300));

      assertThat(inFlight(idempotency, request).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void execute_firstHolderCompletesAfterTakeover_leaseLostAndTakersResponseReplays()
      throws Exception {
    Idempotency idempotency = builder().leaseDuration(LEASE).build();
    try (BlockedHolder<String> first = blockedHolder(idempotency, request, "late")) {
      clock.advance(LEASE);
      idempotency.execute(request, String.class, work("taker"));

      first.proceed();

      assertThat(first.result()).isEqualTo("late");
      assertThat(listener.decisions())
          .containsExactly(Decision.LEASE_TAKEOVER, Decision.LEASE_LOST);
      assertThat(idempotency().execute(request, String.class, work("again"))).isEqualTo("taker");
      assertThat(idempotency.execute(request, String.class, work("again"))).isEqualTo("taker");
    }
  }

  @Test
  void execute_firstHolderFailsAfterTakeover_takersClaimKept() throws Exception {
    Idempotency idempotency = builder().leaseDuration(LEASE).build();
    IllegalStateException lateFailure = new IllegalStateException("late failure");
    try (BlockedHolder<String> first = failingHolder(idempotency, lateFailure)) {
      clock.advance(LEASE);
      try (BlockedHolder<String> taker = blockedHolder(idempotency, request, "ok")) {
        first.proceed();

        assertThat(first.failure()).isSameAs(lateFailure);
        assertThat(inFlight(idempotency, request)).isNotNull();
        taker.proceed();
        assertThat(taker.result()).isEqualTo("ok");
        assertThat(idempotency().execute(request, String.class, work("again"))).isEqualTo("ok");
        assertThat(runs).hasValue(2);
      }
    }
  }

  @Test
  void execute_remainingTimeKnown_boundsLease() throws Exception {
    Idempotency idempotency = builder().defaultLease(Duration.ofMinutes(5)).build();
    IdempotentRequest withDeadline = request.remainingTime(Duration.ofSeconds(10));
    try (BlockedHolder<String> holder = blockedHolder(idempotency, withDeadline, "stuck")) {

      assertThat(inFlight(idempotency, withDeadline).retryAfter())
          .isEqualTo(Duration.ofSeconds(10));
      assertThat(leaseExpiry()).isEqualTo(clock.instant().plusSeconds(10));
      clock.advance(Duration.ofSeconds(10));
      assertThat(idempotency.execute(withDeadline, String.class, work("taker"))).isEqualTo("taker");
    }
  }

  @Test
  void execute_fixedLeaseDuration_overridesRemainingTime() throws Exception {
    Idempotency idempotency = builder().leaseDuration(LEASE).build();
    IdempotentRequest withDeadline = request.remainingTime(Duration.ofSeconds(10));
    try (BlockedHolder<String> holder = blockedHolder(idempotency, withDeadline, "stuck")) {

      assertThat(inFlight(idempotency, withDeadline).retryAfter()).isEqualTo(LEASE);
      assertThat(leaseExpiry()).isEqualTo(clock.instant().plus(LEASE));
    }
  }

  @Test
  void execute_remainingTimeUnknown_usesDefaultLease() throws Exception {
    Idempotency idempotency = builder().defaultLease(Duration.ofMinutes(2)).build();
    try (BlockedHolder<String> holder = blockedHolder(idempotency, request, "stuck")) {

      assertThat(inFlight(idempotency, request).retryAfter()).isEqualTo(Duration.ofMinutes(2));
    }
  }

  private BlockedHolder<String> blockedHolder(
      Idempotency idempotency, IdempotentRequest request, String response)
      throws InterruptedException {
    BlockedHolder<String> holder =
        BlockedHolder.start(gate ->
            idempotency.execute(
                request,
                String.class,
                () -> {
                  runs.incrementAndGet();
                  gate.block();
                  return response;
                }));
    holder.awaitBlocked();
    return holder;
  }

  private BlockedHolder<String> failingHolder(Idempotency idempotency, RuntimeException failure)
      throws InterruptedException {
    BlockedHolder<String> holder =
        BlockedHolder.start(gate ->
            idempotency.execute(
                request,
                String.class,
                () -> {
                  runs.incrementAndGet();
                  gate.block();
                  throw failure;
                }));
    holder.awaitBlocked();
    return holder;
  }

  private InFlightException inFlight(Idempotency idempotency, IdempotentRequest request) {
    InFlightException e =
        catchThrowableOfType(
            InFlightException.class,
            () -> idempotency.execute(request, String.class, work("duplicate")));
    assertThat(e).as("a duplicate of a held key fails in flight").isNotNull();
    return e;
  }

  private Instant leaseExpiry() {
    return backend()
        .store()
        .get(firstClaimedId())
        .map(IdempotencyRecord::leaseExpiry)
        .orElseThrow();
  }
}
