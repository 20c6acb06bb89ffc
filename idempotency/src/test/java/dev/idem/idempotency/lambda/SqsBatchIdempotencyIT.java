package dev.idem.idempotency.lambda;

import static dev.idem.idempotency.lambda.SqsBatchIdempotencyTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.idem.idempotency.Idempotency;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestLambdaContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class SqsBatchIdempotencyIT {

  private static LocalTables table;
  private static Idempotency idempotency;

  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  @BeforeAll
  static void createTable(DynamoDbLocal db) {
    table = LocalTables.create(db.client(), "sqs-adapter-it");
    idempotency = table.idempotency("payments");
  }

  @AfterAll
  static void dropTable() {
    table.close();
  }

  @Test
  void process_batchDeliveredTwice_runsEachMessageOnce() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(idempotency);

    SQSBatchResponse first = batch.process(Fixtures.standardBatch(), context, this::count);
    SQSBatchResponse second = batch.process(Fixtures.standardBatch(), context, this::count);

    assertThat(first.getBatchItemFailures()).isEmpty();
    assertThat(second.getBatchItemFailures()).isEmpty();
    assertThat(runs).hasSize(3).allSatisfy((id, count) -> assertThat(count).hasValue(1));
  }

  @Test
  void process_parallelBatchWithDuplicateKeys_runsEachKeyOnceAcrossRedeliveries() {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      SqsBatchIdempotency batch =
          SqsBatchIdempotency.builder(idempotency)
              .keyFrom(message -> Fixtures.json(message.getBody()).get("order").asText())
              .parallel(executor)
              .build();
      List<SQSMessage> pending = messages(16, 4);

      for (int round = 0; round < 10 && !pending.isEmpty(); round++) {
        SQSBatchResponse response =
            batch.process(Fixtures.batch(pending.toArray(SQSMessage[]::new)), context, this::count);
        Set<String> failed = Set.copyOf(ids(response));
        pending = pending.stream().filter(m -> failed.contains(m.getMessageId())).toList();
      }

      assertThat(pending).isEmpty();
      assertThat(runs).hasSize(4).allSatisfy((key, count) -> assertThat(count).hasValue(1));
    } finally {
      executor.shutdownNow();
    }
  }

  private void count(SQSMessage message) {
    String key = Fixtures.json(message.getBody()).path("order").asText(message.getMessageId());
    runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  private static List<SQSMessage> messages(int count, int distinct) {
    List<SQSMessage> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String order = "it-order-" + (i % distinct);
      messages.add(Fixtures.message("it-m-" + i, "{\"order\":\"" + order + "\"}"));
    }
    return messages;
  }
}
