package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class SqsBatchIdempotencyTest {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final Idempotency idempotency = Fixtures.idempotency(store);
  private final SqsBatchIdempotency batch = SqsBatchIdempotency.of(idempotency);
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final Map<String, Integer> runs = new ConcurrentHashMap<>();

  @Test
  void process_allMessagesSucceed_returnsEmptyFailureList() {
    SQSBatchResponse response = batch.process(Fixtures.standardBatch(), context, this::count);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(runs).hasSize(3).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
  }

  @Test
  void process_redeliveredBatch_skipsMessagesThatCompleted() {
    batch.process(Fixtures.standardBatch(), context, this::count);

    SQSBatchResponse again = batch.process(Fixtures.standardBatch(), context, this::count);

    assertThat(again.getBatchItemFailures()).isEmpty();
    assertThat(runs.values()).containsOnly(1);
  }

  @Test
  void process_handlerThrowsForOneMessage_reportsOnlyThatMessageAndRunsTheRest() {
    SQSEvent event = Fixtures.standardBatch();
    String failing = event.getRecords().get(1).getMessageId();

    SQSBatchResponse response =
        batch.process(
            event,
            context,
            message -> {
              count(message);
              if (message.getMessageId().equals(failing)) {
                throw new IllegalStateException("payment provider down");
              }
            });
    SQSBatchResponse retry = batch.process(event, context, this::count);

    assertThat(ids(response)).containsExactly(failing);
    assertThat(retry.getBatchItemFailures()).isEmpty();
    assertThat(runs).containsEntry(failing, 2).hasSize(3);
  }

  @Test
  void process_keyFromBody_runsADuplicateSentTwiceOnlyOnce() {
    SqsBatchIdempotency byPayment =
        SqsBatchIdempotency.builder(idempotency)
            .keyFrom(SqsBatchIdempotencyTest::paymentId)
            .build();
    SQSEvent event =
        Fixtures.batch(
            Fixtures.message("m-1", "{\"paymentId\":\"p-1\",\"amount\":100}"),
            Fixtures.message("m-2", "{\"amount\":100, \"paymentId\":\"p-1\"}"));

    SQSBatchResponse response = byPayment.process(event, context, this::count);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(runs).containsOnlyKeys("m-1");
  }

  @Test
  void process_sameKeyWithAnotherBody_reportsTheMismatchedMessage() {
    SqsBatchIdempotency byPayment =
        SqsBatchIdempotency.builder(idempotency)
            .keyFrom(SqsBatchIdempotencyTest::paymentId)
            .build();
    SQSEvent event =
        Fixtures.batch(
            Fixtures.message("m-1", "{\"paymentId\":\"p-1\",\"amount\":100}"),
            Fixtures.message("m-2", "{\"paymentId\":\"p-1\",\"amount\":999}"));

    SQSBatchResponse response = byPayment.process(event, context, this::count);

    assertThat(ids(response)).containsExactly("m-2");
    assertThat(runs).containsOnlyKeys("m-1");
  }

  @Test
  void process_payloadFromDetail_republishedEventWithNewEnvelopeIsAReplay() {
    SqsBatchIdempotency byEvent =
        SqsBatchIdempotency.builder(idempotency)
            .keyFrom(m -> Fixtures.json(m.getBody()).at("/detail/eventId").asText())
            .payloadFrom(m -> Fixtures.json(m.getBody()).get("detail"))
            .build();
    SQSEvent event =
        Fixtures.batch(
            Fixtures.message("m-1", "{\"id\":\"eb-1\",\"detail\":{\"eventId\":\"e-1\"}}"),
            Fixtures.message("m-2", "{\"id\":\"eb-2\",\"detail\":{\"eventId\":\"e-1\"}}"));

    SQSBatchResponse response = byEvent.process(event, context, this::count);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(runs).containsOnlyKeys("m-1");
  }

  @Test
  void process_payloadFromThrows_reportsThatMessage() {
    SqsBatchIdempotency strict =
        SqsBatchIdempotency.builder(idempotency)
            .payloadFrom(m -> {
              throw new IllegalArgumentException("no detail");
            })
            .build();

    SQSBatchResponse response = strict.process(Fixtures.standardBatch(), context, this::count);

    assertThat(response.getBatchItemFailures()).hasSize(3);
    assertThat(runs).isEmpty();
  }

  @Test
  void process_keyFromThrowsOrReturnsNull_reportsThoseMessages() {
    SqsBatchIdempotency byPayment =
        SqsBatchIdempotency.builder(idempotency)
            .keyFrom(SqsBatchIdempotencyTest::paymentId)
            .build();
    SQSEvent event =
        Fixtures.batch(
            Fixtures.message("m-1", "not json"),
            Fixtures.message("m-2", "{\"amount\":1}"),
            Fixtures.message("m-3", "{\"paymentId\":\"p-3\"}"));

    SQSBatchResponse response = byPayment.process(event, context, this::count);

    assertThat(ids(response)).containsExactly("m-1", "m-2");
    assertThat(runs).containsOnlyKeys("m-3");
  }

  @Test
  void process_messageHeldByAnotherInvocation_reportsItAsFailed() {
    SQSEvent event = Fixtures.batch(Fixtures.message("m-1", "{\"a\":1}"));
    SQSBatchResponse[] inner = new SQSBatchResponse[1];

    idempotency.execute(
        IdempotentRequest.of("m-1", Fixtures.json("{\"a\":1}")),
        Void.class,
        () -> {
          inner[0] = batch.process(event, context, this::count);
          return null;
        });

    assertThat(ids(inner[0])).containsExactly("m-1");
    assertThat(runs).isEmpty();
  }

  @Test
  void process_storeUnavailable_reportsEveryMessage() {
    FlakyStore flaky = new FlakyStore();
    flaky.failing(true);
    SqsBatchIdempotency failing = SqsBatchIdempotency.of(Fixtures.idempotency(flaky));

    SQSBatchResponse response = failing.process(Fixtures.standardBatch(), context, this::count);

    assertThat(response.getBatchItemFailures()).hasSize(3);
    assertThat(runs).isEmpty();
  }

  @Test
  void process_nullOrEmptyEvent_returnsEmptyFailureList() {
    SQSEvent empty = new SQSEvent();

    assertThat(batch.process(null, context, this::count).getBatchItemFailures()).isEmpty();
    assertThat(batch.process(empty, context, this::count).getBatchItemFailures()).isEmpty();
    assertThat(batch.process(Fixtures.batch(), null, this::count).getBatchItemFailures()).isEmpty();
  }

  @Test
  void process_withoutContext_usesTheDefaultLease() {
    SQSBatchResponse response = batch.process(Fixtures.standardBatch(), null, this::count);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(runs).hasSize(3);
  }

  private void count(SQSMessage message) {
    runs.merge(message.getMessageId(), 1, Integer::sum);
  }

  private static String paymentId(SQSMessage message) {
    JsonNode id = Fixtures.json(message.getBody()).get("paymentId");
    return id == null ? null : id.asText();
  }

  static List<String> ids(SQSBatchResponse response) {
    return response.getBatchItemFailures().stream()
        .map(BatchItemFailure::getItemIdentifier)
        .toList();
  }
}
