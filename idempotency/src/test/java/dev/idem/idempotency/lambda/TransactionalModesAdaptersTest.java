package dev.idem.idempotency.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.idem.idempotency.Outcome;
import dev.idem.idempotency.Outcomes;
import dev.idem.idempotency.TransactionWrites;
import dev.idem.idempotency.spi.WriteRejectedException;
import dev.idem.testing.TestLambdaContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;

/**
 * The transactional modes of the SQS, stream and EventBridge adapters: the handler's writes commit
 * with the record, a duplicate's never land, and a rejection reaches the handler as a value.
 */
class TransactionalModesAdaptersTest {

  private final TransactionalMemoryStore store = new TransactionalMemoryStore();
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final AtomicInteger runs = new AtomicInteger();
  private final List<Outcome<String>> outcomes = new ArrayList<>();

  private final TransactionalRecordHandler<SQSMessage, String> sqsHandler =
      new TransactionalRecordHandler<>() {
        @Override
        public String handle(SQSMessage message, TransactionWrites writes) {
          runs.incrementAndGet();
          writes.put(put(message.getMessageId()));
          return "done " + message.getMessageId();
        }

        @Override
        public void onOutcome(SQSMessage message, Outcome<String> outcome) {
          outcomes.add(outcome);
        }
      };

  @Test
  void sqsProcessInSingleTransaction_redelivered_commitsOnceAndSeesTheStoredResultTwice() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(Fixtures.idempotency(store));
    SQSEvent event = Fixtures.batch(Fixtures.message("m-1", "{\"n\":1}"));

    batch.processInSingleTransaction(event, context, String.class, sqsHandler);
    var again = batch.processInSingleTransaction(event, context, String.class, sqsHandler);

    assertThat(again.getBatchItemFailures()).isEmpty();
    assertThat(store.committed()).hasSize(1);
    assertThat(outcomes)
        .containsExactly(
            new Outcome.Done<>("done m-1", false), new Outcome.Done<>("done m-1", true));
  }

  @Test
  void sqsProcessTransactional_firstMessage_commitsTheWritesWithTheRecord() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(Fixtures.idempotency(store));

    var response =
        batch.processTransactional(
            Fixtures.batch(
                Fixtures.message("m-1", "{\"n\":1}"), Fixtures.message("m-2", "{\"n\":2}")),
            context,
            String.class,
            sqsHandler);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(store.committed()).hasSize(2);
    assertThat(store.size()).isEqualTo(2);
    assertThat(runs).hasValue(2);
  }

  @Test
  void sqsProcessInSingleTransaction_rejectedWrite_handlerSeesWhichWriteAndTheMessageSucceeds() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(Fixtures.idempotency(store));
    store.failNextTransaction(
        new WriteRejectedException(0, Map.of("pk", AttributeValue.fromS("x"))));

    var response =
        batch.processInSingleTransaction(
            Fixtures.batch(Fixtures.message("m-1", "{\"n\":1}")),
            context,
            String.class,
            sqsHandler);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(Outcomes.rejected(outcomes.get(0)).writeIndex()).isZero();
    assertThat(Outcomes.rejected(outcomes.get(0)).item()).containsKey("pk");
    assertThat(store.committed()).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void sqsProcessInSingleTransaction_rejectionNotHandled_failsTheMessageByDefault() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(Fixtures.idempotency(store));
    store.failNextTransaction(new WriteRejectedException(0, Map.of()));

    var response =
        batch.processInSingleTransaction(
            Fixtures.batch(Fixtures.message("m-1", "{\"n\":1}")),
            context,
            String.class,
            (message, writes) -> {
              writes.put(put(message.getMessageId()));
              return "done";
            });

    assertThat(response.getBatchItemFailures())
        .extracting(f -> f.getItemIdentifier())
        .containsExactly("m-1");
  }

  @Test
  void streamProcessInSingleTransaction_redelivered_commitsOnce() {
    DynamoDbStreamIdempotency stream = DynamoDbStreamIdempotency.of(Fixtures.idempotency(store));
    DynamodbEvent event = Fixtures.streamEvent(Fixtures.streamRecord("e-1", "1", "o-1", "PAID"));
    TransactionalRecordHandler<DynamodbEvent.DynamodbStreamRecord, String> handler =
        (record, writes) -> {
          runs.incrementAndGet();
          writes.put(put(record.getEventID()));
          return "relayed";
        };

    stream.processInSingleTransaction(event, context, String.class, handler);
    var again = stream.processTransactional(event, context, String.class, handler);

    assertThat(again.getBatchItemFailures()).isEmpty();
    assertThat(store.committed()).hasSize(1);
  }

  @Test
  void eventBridgeHandleInSingleTransaction_redelivered_replaysTheStoredResult() {
    EventBridgeIdempotency<ScheduledEvent> events =
        EventBridgeIdempotency.of(Fixtures.idempotency(store));
    ScheduledEvent event = Fixtures.eventBridgeEvent("ev-1", Map.of("orderId", "o-1"));
    TransactionalHandler<ScheduledEvent, String, RuntimeException> handler =
        (e, writes) -> {
          runs.incrementAndGet();
          writes.put(put(e.getId()));
          return "notified";
        };

    Outcome<String> first = events.handleInSingleTransaction(event, context, String.class, handler);
    Outcome<String> again = events.handleTransactional(event, context, String.class, handler);

    assertThat(first).isEqualTo(new Outcome.Done<>("notified"));
    assertThat(again).isEqualTo(new Outcome.Done<>("notified", true));
    assertThat(store.committed()).hasSize(1);
  }

  private static Put put(String id) {
    return Put.builder().tableName("effects").item(Map.of("pk", AttributeValue.fromS(id))).build();
  }
}
