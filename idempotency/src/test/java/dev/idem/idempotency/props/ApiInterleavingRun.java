package dev.idem.idempotency.props;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import dev.idem.idempotency.internal.RecordIds;
import dev.idem.idempotency.spi.IdempotencyStore;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives an interleaving of whole calls through {@link Idempotency#execute}: each invocation is a
 * container of its own (its own instance and cache) on its own thread, its work blocks until the
 * interleaving finishes it, and all share one store and one clock. The {@link RecordModel} predicts
 * every call's outcome and decision.
 */
final class ApiInterleavingRun implements AutoCloseable {

  private static final long DEADLINE_SECONDS = 10;

  private final IdempotencyStore store;
  private final String prefix;
  private final TestClock clock = new TestClock(InterleavingRun.START);
  private final List<Idempotency> containers = new ArrayList<>();
  private final List<DecisionLog> logs = new ArrayList<>();
  private final Map<Integer, Call> running = new TreeMap<>();
  private final Map<Integer, RecordModel> models = new HashMap<>();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Set<Observed.Call> observed = EnumSet.noneOf(Observed.Call.class);
  private final Map<Integer, Stored> storedByKey = new HashMap<>();
  private int step;

  /** A call whose work is running and blocked. */
  private record Call(
      String name,
      int key,
      Instant leaseExpiry,
      Instant expiry,
      boolean tookOver,
      CountDownLatch finish,
      CompletableFuture<String> result) {}

  /** A response that a call reported stored (by its decision), and until when it counts. */
  private record Stored(String response, Instant expiry) {}

  /**
   * @param prefix this run's key prefix, unique in a shared store
   */
  ApiInterleavingRun(IdempotencyStore store, String prefix) {
    this.store = store;
    this.prefix = prefix;
    for (int i = 0; i < Interleavings.MAX_INVOCATIONS; i++) {
      DecisionLog log = new DecisionLog();
      logs.add(log);
      containers.add(
          Idempotency.builder()
              .store(store)
              .keyPrefix(prefix)
              .leaseDuration(InterleavingRun.LEASE)
              .recordTtl(InterleavingRun.RECORD_TTL)
              .clock(clock)
              .listener(log)
              .build());
    }
  }

  void run(List<ApiOp> ops) throws Exception {
    for (ApiOp op : ops) {
      step++;
      switch (op) {
        case ApiOp.Start start -> start(start.invocation(), start.key());
        case ApiOp.Finish finish -> finish(finish.invocation());
        case ApiOp.Advance advance -> clock.advance(Duration.ofMillis(advance.millis()));
      }
      models.keySet().forEach(this::assertStoredStateMatchesModel);
    }
    for (int invocation : List.copyOf(running.keySet())) {
      finish(invocation);
    }
  }

  private void start(int invocation, int key) throws Exception {
    if (running.containsKey(invocation)) {
      return;
    }
    String name = "call-" + step;
    Instant now = clock.instant();
    Instant leaseExpiry = now.plus(InterleavingRun.LEASE);
    Instant expiry = now.plus(InterleavingRun.RECORD_TTL).truncatedTo(ChronoUnit.SECONDS);
    CompletableFuture<Void> started = new CompletableFuture<>();
    CountDownLatch finish = new CountDownLatch(1);
    CompletableFuture<String> result =
        CompletableFuture.supplyAsync(() -> call(invocation, key, name, started, finish), executor);
    awaitEither(started, result);

    RecordModel.State before = model(key).state();
    RecordModel.ClaimOutcome expected = model(key).claim(name, now, leaseExpiry, expiry);
    String what = "step " + step + ": invocation " + invocation + " calls on key " + key;
    assertNoRerunWhileStored(key, now, started, result, what);
    observeStart(before, expected);
    if (expected.claimed()) {
      assertThat(started).as(what + " runs its work").isDone();
      assertNoOtherLiveHolder(invocation, key, now, what);
      running.put(
          invocation,
          new Call(name, key, leaseExpiry, expiry, expected.tookOver(), finish, result));
    } else {
      assertThat(started).as(what + " never runs its work").isNotDone();
      assertRefused(invocation, before, result, what);
    }
  }

  private void assertRefused(
      int invocation, RecordModel.State existing, CompletableFuture<String> result, String what)
      throws Exception {
    if (existing instanceof RecordModel.Completed done) {
      assertThat("\"" + result.get(DEADLINE_SECONDS, TimeUnit.SECONDS) + "\"")
          .as(what + " replays the stored response")
          .isEqualTo(done.response());
      assertThat(logs.get(invocation).last()).isIn(Decision.REPLAY, Decision.CACHE_HIT);
    } else {
      assertThat(result)
          .as(what + " is refused while another holds the key")
          .failsWithin(DEADLINE_SECONDS, TimeUnit.SECONDS)
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(InFlightException.class);
      assertThat(logs.get(invocation).last()).isEqualTo(Decision.IN_FLIGHT);
    }
  }

  /** Independently of the model: while a stored response is unexpired, no work runs again. */
  private void assertNoRerunWhileStored(
      int key,
      Instant now,
      CompletableFuture<Void> started,
      CompletableFuture<String> result,
      String what) {
    Stored stored = storedByKey.get(key);
    if (stored != null && stored.expiry().isAfter(now)) {
      assertThat(started).as(what + " while %s is stored", stored.response()).isNotDone();
      assertThat(result)
          .as(what + " while %s is stored", stored.response())
          .succeedsWithin(DEADLINE_SECONDS, TimeUnit.SECONDS)
          .isEqualTo(stored.response());
    }
  }

  /** At most one holder at a time: every other running call on the key has lost its lease. */
  private void assertNoOtherLiveHolder(int invocation, int key, Instant now, String what) {
    running.forEach((other, call) -> {
      if (other != invocation && call.key() == key) {
        assertThat(call.leaseExpiry())
            .as(what + " while invocation " + other + " holds the key")
            .isBeforeOrEqualTo(now);
      }
    });
  }

  private void finish(int invocation) throws Exception {
    Call call = running.remove(invocation);
    if (call == null) {
      return;
    }
    call.finish().countDown();
    String response = call.result().get(DEADLINE_SECONDS, TimeUnit.SECONDS);

    boolean completed =
        model(call.key()).complete(call.name(), "\"" + call.name() + "\"", call.expiry());
    assertThat(response)
        .as("step %d: guard mode returns the work's response", step)
        .isEqualTo(call.name());
    if (!completed) {
      observed.add(Observed.Call.LEASE_LOST);
    }
    Decision expected =
        !completed
            ? Decision.LEASE_LOST
            : call.tookOver() ? Decision.LEASE_TAKEOVER : Decision.FIRST_EXECUTION;
    assertThat(logs.get(invocation).last())
        .as("step %d: decision of invocation %d", step, invocation)
        .isEqualTo(expected);
    if (expected != Decision.LEASE_LOST) {
      storedByKey.put(call.key(), new Stored(call.name(), call.expiry()));
    }
  }

  /** The situations this run reached so far. */
  Set<Observed.Call> observed() {
    return Set.copyOf(observed);
  }

  private void observeStart(RecordModel.State before, RecordModel.ClaimOutcome claim) {
    if (!claim.claimed()) {
      observed.add(
          before instanceof RecordModel.Completed
              ? Observed.Call.REPLAYED
              : Observed.Call.IN_FLIGHT);
    } else if (before instanceof RecordModel.InProgress) {
      observed.add(Observed.Call.TAKEOVER);
    } else if (before instanceof RecordModel.Completed) {
      observed.add(Observed.Call.RAN_AGAIN_AFTER_EXPIRY);
    }
  }

  private String call(
      int invocation,
      int key,
      String name,
      CompletableFuture<Void> started,
      CountDownLatch finish) {
    try {
      return containers
          .get(invocation)
          .execute(
              IdempotentRequest.of("key-" + key, "payload-" + key),
              String.class,
              () -> {
                started.complete(null);
                if (!finish.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("the interleaving never finished " + name);
                }
                return name;
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + name + " ran", e);
    }
  }

  private void assertStoredStateMatchesModel(int key) {
    String id = RecordIds.of(prefix, null, "key-" + key);
    assertThat(withoutToken(RecordModel.State.of(store.get(id))))
        .as("step %d: stored record of key %d", step, key)
        .isEqualTo(withoutToken(model(key).state()));
  }

  /** The store's tokens are random; the model names holders by call instead. */
  private static RecordModel.State withoutToken(RecordModel.State state) {
    return state instanceof RecordModel.InProgress held
        ? new RecordModel.InProgress("", held.leaseExpiry(), held.expiry())
        : state;
  }

  private static void awaitEither(CompletableFuture<?> first, CompletableFuture<?> second)
      throws InterruptedException, TimeoutException {
    try {
      CompletableFuture.anyOf(first, second).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException refused) {
      // The call failed before any work ran (in flight); the caller checks how.
    }
  }

  private RecordModel model(int key) {
    return models.computeIfAbsent(key, k -> new RecordModel());
  }

  @Override
  public void close() throws InterruptedException {
    running.values().forEach(call -> call.finish().countDown());
    executor.shutdownNow();
    assertThat(executor.awaitTermination(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
  }
}
