package dev.idem.idempotency.lambda;

import static dev.idem.idempotency.lambda.SqsBatchIdempotencyTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.idem.idempotency.Decision;
import dev.idem.idempotency.DecisionEvent;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A broken loop must never look like a fully processed batch. */
class SqsBatchCrashTest {

  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final List<String> ran = new ArrayList<>();

  @Test
  void process_nullEntryInTheBatch_reportsEveryMessageNotYetSucceeded() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(Fixtures.idempotency(store));
    SQSEvent event =
        Fixtures.batch(
            Fixtures.message("m-1", "{}"),
            Fixtures.message("m-2", "{}"),
            null,
            Fixtures.message("m-4", "{}"));

    SQSBatchResponse response =
        batch.process(
            event,
            context,
            message -> {
              ran.add(message.getMessageId());
              if (message.getMessageId().equals("m-2")) {
                throw new IllegalArgumentException("bad amount");
              }
            });

    assertThat(ids(response)).containsExactly("m-2", "m-4");
    assertThat(ran).containsExactly("m-1", "m-2");
  }

  @Test
  void process_listenerThrowsAnError_reportsTheMessageAndEveryLaterOne() {
    AtomicInteger firstExecutions = new AtomicInteger();
    IdempotencyListener breaksOnSecond =
        new IdempotencyListener() {
          @Override
          public void onDecision(DecisionEvent event) {
            if (event.decision() == Decision.FIRST_EXECUTION
                && firstExecutions.incrementAndGet() == 2) {
              throw new AssertionError("metrics sink broke");
            }
          }
        };
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(Fixtures.idempotency(store, breaksOnSecond));

    SQSEvent event = Fixtures.standardBatch();
    List<String> messageIds = event.getRecords().stream().map(m -> m.getMessageId()).toList();

    SQSBatchResponse response = batch.process(event, context, m -> ran.add(m.getMessageId()));

    assertThat(ids(response)).containsExactly(messageIds.get(1), messageIds.get(2));
    assertThat(ran).containsExactlyElementsOf(messageIds.subList(0, 2));
  }

  @Test
  void process_handlerThrowsAnError_reportsThatMessageAndTheUnprocessedRest() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(Fixtures.idempotency(store));
    SQSEvent event = Fixtures.standardBatch();
    String second = event.getRecords().get(1).getMessageId();
    String third = event.getRecords().get(2).getMessageId();

    SQSBatchResponse response =
        batch.process(
            event,
            context,
            message -> {
              if (message.getMessageId().equals(second)) {
                throw new StackOverflowError();
              }
            });

    assertThat(ids(response)).containsExactly(second, third);
  }

  @Test
  void process_crashWhenNoMessageCanBeNamed_throwsSoLambdaRetriesTheBatch() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(Fixtures.idempotency(store));
    SQSEvent event = Fixtures.batch(Fixtures.message("m-1", "{}"), null);

    assertThatThrownBy(() -> batch.process(event, context, m -> ran.add(m.getMessageId())))
        .isInstanceOf(NullPointerException.class);
    assertThat(ran).containsExactly("m-1");
  }

  @Test
  void process_messageWithoutIdAfterACrash_isLeftOutAndTheOthersReported() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(Fixtures.idempotency(store));
    SQSEvent event =
        Fixtures.batch(null, Fixtures.message(null, "{}"), Fixtures.message("m-3", "{}"));

    SQSBatchResponse response = batch.process(event, context, m -> ran.add(m.getMessageId()));

    assertThat(ids(response)).containsExactly("m-3");
    assertThat(ran).isEmpty();
  }
}
