package dev.idem.idempotency.lambda;

import static dev.idem.idempotency.lambda.SqsBatchIdempotencyTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.idem.idempotency.Decision;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqsParallelBatchTest {

  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final Map<String, AtomicInteger> runsByKey = new ConcurrentHashMap<>();

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  @Test
  void process_parallel_runsEveryMessageOnceOnTheExecutor() {
    SqsBatchIdempotency batch =
        SqsBatchIdempotency.builder(Fixtures.idempotency(store)).parallel(executor).build();
    Set<String> threads = ConcurrentHashMap.newKeySet();

    SQSBatchResponse response =
        batch.process(
            messages(20, 20),
            context,
            message -> {
              threads.add(Thread.currentThread().getName());
              count(message);
            });

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(runsByKey).hasSize(20).allSatisfy((key, runs) -> assertThat(runs).hasValue(1));
    assertThat(threads).doesNotContain(Thread.currentThread().getName());
  }

  @Test
  void process_parallelDuplicateWhileFirstRuns_reportsTheDuplicateAndRunsOnce()
      throws InterruptedException {
    CountDownLatch duplicateSeen = new CountDownLatch(1);
    IdempotencyListener listener =
        new IdempotencyListener() {
          @Override
          public void onDecision(DecisionEvent event) {
            if (event.decision() == Decision.IN_FLIGHT) {
              duplicateSeen.countDown();
            }
          }
        };
    SqsBatchIdempotency batch =
        SqsBatchIdempotency.builder(Fixtures.idempotency(store, listener))
            .keyFrom(SqsParallelBatchTest::orderKey)
            .parallel(executor)
            .build();
    SQSEvent event =
        Fixtures.batch(
            Fixtures.message("m-1", "{\"order\":7}"), Fixtures.message("m-2", "{\"order\":7}"));
    AtomicInteger waitedInTime = new AtomicInteger();

    SQSBatchResponse response =
        batch.process(
            event,
            context,
            message -> {
              count(message);
              if (duplicateSeen.await(5, TimeUnit.SECONDS)) {
                waitedInTime.incrementAndGet();
              }
            });
    SQSBatchResponse redelivery =
        batch.process(
            Fixtures.batch(event.getRecords().get(0), event.getRecords().get(1)),
            context,
            this::count);

    assertThat(waitedInTime).hasValue(1);
    assertThat(response.getBatchItemFailures()).hasSize(1);
    assertThat(redelivery.getBatchItemFailures()).isEmpty();
    assertThat(runsByKey).containsOnlyKeys("7");
    assertThat(runsByKey.get("7")).hasValue(1);
  }

  @Test
  void process_parallelManyDuplicates_runsEachKeyExactlyOnceAcrossRedeliveries() {
    SqsBatchIdempotency batch =
        SqsBatchIdempotency.builder(Fixtures.idempotency(store))
            .keyFrom(SqsParallelBatchTest::orderKey)
            .parallel(executor)
            .build();
    SQSEvent event = messages(40, 5);

    List<SQSMessage> pending = event.getRecords();
    for (int round = 0; round < 20 && !pending.isEmpty(); round++) {
      Set<String> failed =
          Set.copyOf(
              ids(
                  batch.process(
                      Fixtures.batch(pending.toArray(SQSMessage[]::new)), context, this::count)));
      pending = pending.stream().filter(m -> failed.contains(m.getMessageId())).toList();
    }

    assertThat(pending).isEmpty();
    assertThat(runsByKey).hasSize(5).allSatisfy((key, runs) -> assertThat(runs).hasValue(1));
  }

  @Test
  void process_parallelHandlerFailures_reportsExactlyTheFailedMessages() {
    SqsBatchIdempotency batch =
        SqsBatchIdempotency.builder(Fixtures.idempotency(store)).parallel(executor).build();

    SQSBatchResponse response =
        batch.process(
            messages(10, 10),
            context,
            message -> {
              if (orderKey(message).endsWith("3") || orderKey(message).endsWith("8")) {
                throw new IllegalStateException("declined");
              }
            });

    assertThat(ids(response)).containsExactlyInAnyOrder("m-3", "m-8");
  }

  @Test
  void process_executorRejectsWork_reportsEveryMessageNotRun() {
    executor.shutdown();
    SqsBatchIdempotency batch =
        SqsBatchIdempotency.builder(Fixtures.idempotency(store)).parallel(executor).build();

    SQSBatchResponse response = batch.process(messages(3, 3), context, this::count);

    assertThat(ids(response)).containsExactly("m-0", "m-1", "m-2");
    assertThat(runsByKey).isEmpty();
  }

  private void count(SQSMessage message) {
    runsByKey.computeIfAbsent(orderKey(message), k -> new AtomicInteger()).incrementAndGet();
  }

  private static String orderKey(SQSMessage message) {
    return Fixtures.json(message.getBody()).get("order").asText();
  }

  /** {@code count} messages m-0, m-1, ... whose bodies cycle through {@code distinct} orders. */
  private static SQSEvent messages(int count, int distinct) {
    List<SQSMessage> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      messages.add(Fixtures.message("m-" + i, "{\"order\":" + (i % distinct) + "}"));
    }
    return Fixtures.batch(messages.toArray(SQSMessage[]::new));
  }
}
