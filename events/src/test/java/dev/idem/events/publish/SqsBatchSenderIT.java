package dev.idem.events.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.testing.ElasticMq;
import dev.idem.testing.ElasticMqExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** {@link SqsBatchSender} through the real SDK client against ElasticMQ in this JVM. */
@ExtendWith(ElasticMqExtension.class)
class SqsBatchSenderIT {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private static SqsClient sqs;
  private static final List<String> sentIds = new CopyOnWriteArrayList<>();

  private final SqsBatchSender sender = new SqsBatchSender(sqs);
  private final List<String> queues = new ArrayList<>();

  @BeforeAll
  static void client(ElasticMq elasticMq) {
    sqs = elasticMq.client(new SentIds());
  }

  @AfterAll
  static void closeClient() {
    if (sqs != null) {
      sqs.close();
    }
  }

  @AfterEach
  void deleteQueues() {
    queues.forEach(url -> sqs.deleteQueue(r -> r.queueUrl(url)));
    sentIds.clear();
  }

  @Test
  void send_25Messages_allArriveInThreeCalls() {
    String queue = queue("batch-" + UUID.randomUUID());
    List<SendMessageBatchRequestEntry> entries =
        IntStream.range(0, 25).mapToObj(i -> entry("m" + i, "body-" + i)).toList();

    BatchResult<SendMessageBatchRequestEntry> result = sender.send(queue, entries);

    assertThat(result.sent()).isEqualTo(25);
    assertThat(result.allSent()).isTrue();
    assertThat(receive(queue, 25))
        .extracting(Message::body)
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 25).mapToObj(i -> "body-" + i).toList());
  }

  @Test
  void send_messageOver256Kb_isReportedFailedAndNeverSent() {
    String queue = queue("large-" + UUID.randomUUID());
    SendMessageBatchRequestEntry tooBig = entry("big", "x".repeat(256 * 1024 + 1));

    BatchResult<SendMessageBatchRequestEntry> result =
        sender.send(queue, List.of(entry("a", "small-a"), tooBig, entry("b", "small-b")));

    assertThat(result.failed())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.entry()).isSameAs(tooBig);
          assertThat(f.errorCode()).isEqualTo("EntryTooLarge");
        });
    assertThat(sentIds).containsExactly("a", "b");
    assertThat(receive(queue, 2))
        .extracting(Message::body)
        .containsExactlyInAnyOrder("small-a", "small-b");
  }

  @Test
  void send_fifoQueueWithDuplicateDeduplicationIds_deliversEachOnceInOrder() {
    String queue = fifoQueue("orders-" + UUID.randomUUID() + ".fifo");
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      entries.add(fifoEntry("m" + i, "event-" + (i % 6)));
    }

    BatchResult<SendMessageBatchRequestEntry> result = sender.send(queue, entries);

    assertThat(result.allSent()).isTrue();
    assertThat(receive(queue, 6))
        .extracting(Message::body)
        .containsExactly("event-0", "event-1", "event-2", "event-3", "event-4", "event-5");
  }

  private String queue(String name) {
    String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
    queues.add(url);
    return url;
  }

  private String fifoQueue(String name) {
    String url =
        sqs.createQueue(
                r -> r.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
            .queueUrl();
    queues.add(url);
    return url;
  }

  /**
   * Receives and deletes messages until {@code expected} came or the deadline passed, then checks
   * that the queue holds nothing more.
   */
  private static List<Message> receive(String queue, int expected) {
    List<Message> received = new ArrayList<>();
    Instant deadline = Instant.now().plus(DEADLINE);
    while (received.size() < expected && Instant.now().isBefore(deadline)) {
      List<Message> batch =
          sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      received.addAll(batch);
      batch.forEach(
          m -> sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
    }
    assertThat(
            sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.ALL))
                .attributes())
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0");
    return received;
  }

  private static SendMessageBatchRequestEntry entry(String id, String body) {
    return SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build();
  }

  private static SendMessageBatchRequestEntry fifoEntry(String id, String body) {
    return SendMessageBatchRequestEntry.builder()
        .id(id)
        .messageBody(body)
        .messageGroupId("order-1")
        .messageDeduplicationId(body)
        .build();
  }

  /** Records the entry ids of every SendMessageBatch request that reaches the wire. */
  private static final class SentIds implements ExecutionInterceptor {
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
      if (context.request() instanceof SendMessageBatchRequest batch) {
        batch.entries().forEach(e -> sentIds.add(e.id()));
      }
    }
  }
}
