package dev.idem.idempotency.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.idempotency.Decision;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.InFlightException;
import dev.idem.idempotency.testkit.RecordingListener;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many callers at once on one shared instance, as concurrent invocations of one container. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbConcurrencyIT {

  private static final int CALLERS = 32;
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final String RESPONSE = "the response";

  private static DynamoDbBackend backend;

  private final ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
  private final RecordingListener listener = new RecordingListener();
  private final String prefix = "t-" + UUID.randomUUID();
  private final Idempotency idempotency = idempotency();
  private final AtomicInteger runs = new AtomicInteger();

  @BeforeAll
  static void createTable(DynamoDbLocal db) {
    backend = DynamoDbBackend.create(db, "concurrency");
  }

  @AfterAll
  static void deleteTable() {
    backend.close();
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  @Test
  void execute_sameKeyFromAllCallersAtOnce_runsOnceAndOthersInFlightThenAllReplay()
      throws Exception {
    IdempotentRequest request = IdempotentRequest.of("same-key", "payload");
    CountDownLatch othersReturned = new CountDownLatch(CALLERS - 1);
    CountDownLatch release = new CountDownLatch(1);

    List<Future<String>> calls =
        startTogether(i ->
            () -> {
              try {
                return idempotency.execute(request, String.class, () -> holdUntil(release));
              } finally {
                othersReturned.countDown();
              }
            });
    boolean othersReturnedFirst = othersReturned.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    release.countDown();

    List<Object> outcomes = outcomes(calls);
    assertThat(othersReturnedFirst).as("every other caller returned while the work ran").isTrue();
    assertThat(runs).hasValue(1);
    assertThat(outcomes).filteredOn(RESPONSE::equals).hasSize(1);
    assertThat(outcomes).filteredOn(InFlightException.class::isInstance).hasSize(CALLERS - 1);
    assertThat(listener.decisions())
        .containsOnly(Decision.FIRST_EXECUTION, Decision.IN_FLIGHT)
        .containsOnlyOnce(Decision.FIRST_EXECUTION);

    Idempotency anotherContainer = idempotency();
    List<Future<String>> replays =
        startTogether(i -> () -> anotherContainer.execute(request, String.class, this::run));
    assertThat(outcomes(replays)).hasSize(CALLERS).containsOnly(RESPONSE);
    assertThat(runs).hasValue(1);
  }

  @Test
  void execute_distinctKeysFromAllCallersAtOnce_allRun() throws Exception {
    List<Future<String>> calls =
        startTogether(i ->
            () ->
                idempotency.execute(
                    IdempotentRequest.of("key-" + i, i), String.class, () -> "done " + run()));

    List<Object> outcomes = outcomes(calls);

    assertThat(runs).hasValue(CALLERS);
    assertThat(outcomes)
        .hasSize(CALLERS)
        .allMatch(o -> o instanceof String s && s.startsWith("done"));
    assertThat(listener.decisions()).hasSize(CALLERS).containsOnly(Decision.FIRST_EXECUTION);
    assertThat(backend.recordCount(prefix)).isEqualTo(CALLERS);
  }

  private Idempotency idempotency() {
    return Idempotency.builder()
        .store(backend.store())
        .keyPrefix(prefix)
        .clock(TestClock.atCurrentSecond())
        .listener(listener)
        .build();
  }

  /** Submits one call per caller, all released at once by a barrier. */
  private List<Future<String>> startTogether(IntFunction<Callable<String>> call) {
    CyclicBarrier start = new CyclicBarrier(CALLERS);
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      Callable<String> caller = call.apply(i);
      futures.add(
          pool.submit(() -> {
            start.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return caller.call();
          }));
    }
    return futures;
  }

  /** Each call's return value, or what it threw. */
  private static List<Object> outcomes(List<Future<String>> calls) throws Exception {
    List<Object> outcomes = new ArrayList<>();
    for (Future<String> call : calls) {
      try {
        outcomes.add(call.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
      } catch (ExecutionException e) {
        outcomes.add(e.getCause());
      }
    }
    return outcomes;
  }

  private String run() {
    runs.incrementAndGet();
    return RESPONSE;
  }

  private String holdUntil(CountDownLatch release) throws InterruptedException {
    run();
    if (!release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("The test never released the holder");
    }
    return RESPONSE;
  }
}
