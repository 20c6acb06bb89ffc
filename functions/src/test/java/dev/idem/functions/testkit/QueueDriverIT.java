package dev.idem.functions.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.idem.testing.ElasticMqExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The driver behaves as Lambda's event source mapping over ElasticMQ. */
@ExtendWith(ElasticMqExtension.class)
class QueueDriverIT {

  private final List<SQSEvent.SQSMessage> received = new CopyOnWriteArrayList<>();

  @Test
  void runUntilDeadLettered_failedMessage_comesBackUntilMaxReceivesThenMovesToTheDlq(
      SqsClient sqs) {
    try (QueueDriver queue = QueueDriver.create(sqs, "driver", failing("bad"))) {
      List<String> ids = queue.sendBatch("good", "bad");

      queue.runUntilDeadLettered(1);
      queue.runUntilEmpty();

      assertThat(queue.deliveries(ids.get(0))).isEqualTo(1);
      assertThat(queue.deliveries(ids.get(1))).isEqualTo(QueueDriver.MAX_RECEIVE_COUNT);
      assertThat(queue.invocations())
          .extracting(i -> i.receiveCounts().get(ids.get(1)))
          .containsExactly(1, 2, 3);
      assertThat(queue.deadLetterBodies()).containsExactly("bad");
      assertThat(received)
          .allSatisfy(m -> {
            assertThat(m.getEventSourceArn()).isEqualTo(queue.queueArn());
            assertThat(m.getEventSource()).isEqualTo("aws:sqs");
            assertThat(m.getReceiptHandle()).isNotBlank();
          });
    }
  }

  @Test
  void pollOnce_handlerThrows_leavesTheWholeBatchToComeBack(SqsClient sqs) {
    boolean[] thrown = {false};
    try (QueueDriver queue =
        QueueDriver.create(
            sqs,
            "driver",
            (event, context) -> {
              if (!thrown[0]) {
                thrown[0] = true;
                throw new IllegalStateException("crash");
              }
              return new SQSBatchResponse(List.of());
            })) {
      queue.sendBatch("a", "b");

      queue.runUntilEmpty();

      assertThat(queue.invocations().get(0).error()).hasMessage("crash");
      assertThat(queue.invocations().get(0).failedIds()).hasSize(2);
      assertThat(queue.invocations().stream().mapToInt(i -> i.messageIds().size()).sum())
          .isEqualTo(4);
      assertThat(queue.deadLetterCount()).isZero();
    }
  }

  @Test
  void pollOnce_fifoQueue_passesTheGroupAndTheFifoArn(SqsClient sqs) {
    try (QueueDriver queue = QueueDriver.create(sqs, "driver.fifo", failing("none"))) {
      queue.send("first");

      assertThat(queue.pollOnce()).isTrue();

      assertThat(queue.queueArn()).endsWith(".fifo");
      assertThat(received)
          .singleElement()
          .satisfies(m -> {
            assertThat(m.getAttributes()).containsEntry("MessageGroupId", "group-1");
            assertThat(m.getAttributes()).containsEntry("ApproximateReceiveCount", "1");
          });
    }
  }

  private RequestHandler<SQSEvent, SQSBatchResponse> failing(String body) {
    return (event, context) -> {
      received.addAll(event.getRecords());
      return new SQSBatchResponse(
          event.getRecords().stream()
              .filter(m -> m.getBody().equals(body))
              .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId()))
              .toList());
    };
  }
}
