package dev.idem.idempotency.lambda;

import static dev.idem.idempotency.lambda.SqsBatchIdempotencyTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.memory.InMemoryIdempotencyStore;
import dev.idem.testing.TestLambdaContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The FIFO fixture holds fifo-1 to fifo-5 in groups g1, g2, g1, g2, g1. */
class SqsFifoBatchTest {

  private final Idempotency idempotency = Fixtures.idempotency(new InMemoryIdempotencyStore());
  private final TestLambdaContext context = TestLambdaContext.thirtySecondsLeft();
  private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  @Test
  void process_fifoFailure_stopsAndReportsThatMessageAndEveryLaterOne() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(idempotency);

    SQSBatchResponse response =
        batch.process(Fixtures.fifoBatch(), context, failing(Set.of("fifo-2")));

    assertThat(ids(response)).containsExactly("fifo-2", "fifo-3", "fifo-4", "fifo-5");
    assertThat(ran).containsExactly("fifo-1", "fifo-2");
  }

  @Test
  void process_fifoRedeliveryAfterFailure_runsEachMessageOnceInOrder() {
    SqsBatchIdempotency batch = SqsBatchIdempotency.of(idempotency);
    SQSEvent first = Fixtures.fifoBatch();
    SQSBatchResponse response = batch.process(first, context, failing(Set.of("fifo-3")));
    ran.clear();

    SQSBatchResponse retry = batch.process(Fixtures.fifoBatch(), context, failing(Set.of()));

    assertThat(ids(response)).containsExactly("fifo-3", "fifo-4", "fifo-5");
    assertThat(retry.getBatchItemFailures()).isEmpty();
    assertThat(ran).containsExactly("fifo-3", "fifo-4", "fifo-5");
  }

  @Test
  void process_fifoSkipFailedGroupOnly_holdsBackTheFailedGroupAndRunsTheOthers() {
    SqsBatchIdempotency batch =
        SqsBatchIdempotency.builder(idempotency).fifoSkipFailedGroupOnly().build();

    SQSBatchResponse response =
        batch.process(Fixtures.fifoBatch(), context, failing(Set.of("fifo-2")));

    assertThat(ids(response)).containsExactly("fifo-2", "fifo-4");
    assertThat(ran).containsExactly("fifo-1", "fifo-2", "fifo-3", "fifo-5");
  }

  @Test
  void process_fifoSkipFailedGroupOnlyWithoutGroupAttribute_treatsMessagesAsOneGroup() {
    SqsBatchIdempotency batch =
        SqsBatchIdempotency.builder(idempotency).fifoSkipFailedGroupOnly().build();
    SQSEvent event = Fixtures.fifoBatch();
    event.getRecords().forEach(message -> message.setAttributes(new HashMap<>()));

    SQSBatchResponse response = batch.process(event, context, failing(Set.of("fifo-2")));

    assertThat(ids(response)).containsExactly("fifo-2", "fifo-3", "fifo-4", "fifo-5");
  }

  @Test
  void process_fifoWithExecutor_runsInOrderOnTheCallingThread() {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      SqsBatchIdempotency batch =
          SqsBatchIdempotency.builder(idempotency).parallel(executor).build();
      List<String> threads = Collections.synchronizedList(new ArrayList<>());

      SQSBatchResponse response =
          batch.process(
              Fixtures.fifoBatch(),
              context,
              message -> {
                threads.add(Thread.currentThread().getName());
                ran.add(message.getMessageId());
              });

      assertThat(response.getBatchItemFailures()).isEmpty();
      assertThat(ran).containsExactly("fifo-1", "fifo-2", "fifo-3", "fifo-4", "fifo-5");
      assertThat(threads).containsOnly(Thread.currentThread().getName());
    } finally {
      executor.shutdownNow();
    }
  }

  private RecordHandler<SQSMessage> failing(Set<String> failingIds) {
    return message -> {
      ran.add(message.getMessageId());
      if (failingIds.contains(message.getMessageId())) {
        throw new IllegalStateException("inventory service down");
      }
    };
  }
}
