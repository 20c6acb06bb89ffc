package dev.idem.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.local.Await;
import dev.idem.testing.QueueContents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Peeking at the embedded ElasticMQ's queues ({@link LocalAws#queueContents()}) reads messages
 * without receiving them: after any number of peeks a consumer receives the message at once with an
 * {@code ApproximateReceiveCount} of 1, and a redrive policy's {@code maxReceiveCount} of 1 is not
 * reached by them.
 */
@ExtendWith(LocalAwsExtension.class)
class QueuePeekIT {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @Test
  void peek_manyTimes_receiveCountAndVisibilityUnchanged_dlqNotReached(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String dlq = sqs.createQueue(r -> r.queueName("peek-dlq-" + suffix)).queueUrl();
    String policy =
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:peek-dlq-"
            + suffix
            + "\",\"maxReceiveCount\":1}";
    String name = "peek-" + suffix;
    String url =
        sqs.createQueue(r ->
                r.queueName(name).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)))
            .queueUrl();
    Instant sent = Instant.now();
    String id =
        sqs.sendMessage(r ->
                r.queueUrl(url)
                    .messageBody("{\"orderId\":\"o-1\"}")
                    .messageAttributes(
                        Map.of(
                            "kind",
                            MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue("test")
                                .build())))
            .messageId();
    QueueContents contents = aws.queueContents();
    Await.until("the message in the contents", DEADLINE, () -> !contents.peek(name, 10).isEmpty());

    List<QueueContents.Message> peeked = List.of();
    for (int i = 0; i < 5; i++) {
      peeked = contents.peek(name, 10);
    }
    List<Message> received =
        sqs.receiveMessage(r ->
                r.queueUrl(url)
                    .maxNumberOfMessages(10)
                    .messageSystemAttributeNames(
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
            .messages();

    assertThat(peeked)
        .singleElement()
        .satisfies(message -> {
          assertThat(message.messageId()).isEqualTo(id);
          assertThat(message.body()).isEqualTo("{\"orderId\":\"o-1\"}");
          assertThat(message.receiveCount()).isZero();
          assertThat(message.firstReceived()).isNull();
          assertThat(message.attributes())
              .containsEntry("kind", new QueueContents.Attribute("String", "test", null));
          assertThat(message.sent()).isBetween(sent.minusSeconds(5), Instant.now());
          assertThat(message.nextDelivery()).isBeforeOrEqualTo(Instant.now());
        });
    assertThat(received)
        .singleElement()
        .satisfies(message -> {
          assertThat(message.messageId()).isEqualTo(id);
          assertThat(message.attributes())
              .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
        });
    Await.until(
        "the receive in the contents",
        DEADLINE,
        () -> contents.peek(name, 1).getFirst().receiveCount() == 1);
    assertThat(contents.peek(name, 1).getFirst().nextDelivery()).isAfter(Instant.now());
    assertThat(contents.peek("peek-dlq-" + suffix, 10)).isEmpty();

    sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(received.getFirst().receiptHandle()));
    Await.until("the delete in the contents", DEADLINE, () -> contents.peek(name, 10).isEmpty());
    assertThat(sqs.receiveMessage(r -> r.queueUrl(dlq)).messages()).isEmpty();
  }

  @Test
  void peek_afterPurge_empty(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    String name = "peek-purge-" + UUID.randomUUID().toString().substring(0, 8);
    String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("one"));
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("two"));
    Await.until(
        "both in the contents", DEADLINE, () -> aws.queueContents().peek(name, 10).size() == 2);

    // ElasticMQ tells its listener nothing of a purge: the peek must still not show them.
    sqs.purgeQueue(r -> r.queueUrl(url));
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("three"));

    Await.until(
        "the new message in the contents",
        DEADLINE,
        () -> !aws.queueContents().peek(name, 10).isEmpty());
    assertThat(aws.queueContents().peek(name, 10))
        .extracting(QueueContents.Message::body)
        .containsExactly("three");
  }

  @Test
  void peek_deadLetteredMessage_namesItsSourceQueue(LocalAws aws) {
    SqsClient sqs = aws.clients().sqs();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    sqs.createQueue(r -> r.queueName("peek-dl-" + suffix));
    String policy =
        "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:peek-dl-"
            + suffix
            + "\",\"maxReceiveCount\":1}";
    String url =
        sqs.createQueue(r ->
                r.queueName("peek-src-" + suffix)
                    .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)))
            .queueUrl();
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("poison"));

    Await.until(
        "the message in the DLQ",
        DEADLINE,
        () -> {
          sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0));
          return !aws.queueContents().peek("peek-dl-" + suffix, 10).isEmpty();
        });

    assertThat(aws.queueContents().peek("peek-dl-" + suffix, 10))
        .singleElement()
        .satisfies(message -> {
          assertThat(message.body()).isEqualTo("poison");
          assertThat(message.deadLetterSourceQueue()).contains("peek-src-" + suffix);
        });
    assertThat(aws.queueContents().peek("peek-src-" + suffix, 10)).isEmpty();
  }
}
