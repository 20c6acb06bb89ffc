package dev.idem.functions.testkit;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.idem.testing.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Drives an SQS handler from a real queue on ElasticMQ as Lambda's event source mapping does:
 * receives up to {@value #BATCH_SIZE} messages with their system attributes ({@code
 * ApproximateReceiveCount}, {@code MessageGroupId}, ...), invokes the handler with an {@link
 * SQSEvent} whose records name the queue's ARN, deletes the messages not reported in {@code
 * batchItemFailures} (all of them stay when the handler throws) and leaves the failed ones to come
 * back after the visibility timeout ({@value #VISIBILITY_TIMEOUT_SECONDS} s). The queue redrives to
 * a dead-letter queue after {@value #MAX_RECEIVE_COUNT} receives; ElasticMQ moves a message there
 * on the receive after the last one. A queue whose name ends in {@code .fifo} is a FIFO queue (with
 * content-based deduplication) and its messages are sent in one group. Not thread-safe: one driver
 * per test.
 *
 * {@snippet :
 * try (QueueDriver queue = QueueDriver.create(sqs, "payments", handler)) {
 *   queue.send(body);
 *   queue.runUntilEmpty();
 *   assertThat(queue.deadLetterCount()).isZero();
 * }
 * }
 */
public final class QueueDriver implements AutoCloseable {

  /** Receives before a message moves to the dead-letter queue. */
  public static final int MAX_RECEIVE_COUNT = 3;

  /** Seconds a received message stays invisible. */
  public static final int VISIBILITY_TIMEOUT_SECONDS = 1;

  /** The most messages one invocation gets, as in an event source mapping's batch size. */
  public static final int BATCH_SIZE = 10;

  /** How long {@link #runUntilEmpty()} and {@link #runUntilDeadLettered(int)} may take. */
  public static final Duration DEADLINE = Duration.ofSeconds(20);

  /** The time each invocation has left, as a function timeout would give. */
  static final int REMAINING_MILLIS = 30_000;

  /**
   * One invocation of the handler.
   *
   * @param messageIds the messages of the batch, in order
   * @param receiveCounts each message's {@code ApproximateReceiveCount}
   * @param failedIds the messages reported failed (all of them when the handler threw)
   * @param error what the handler threw, or null
   */
  public record Invocation(
      List<String> messageIds,
      Map<String, Integer> receiveCounts,
      List<String> failedIds,
      Throwable error) {}

  private final SqsClient sqs;
  private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
  private final String queueUrl;
  private final String queueArn;
  private final String deadLetterUrl;
  private final boolean fifo;
  private final List<Invocation> invocations = new CopyOnWriteArrayList<>();

  private QueueDriver(
      SqsClient sqs,
      RequestHandler<SQSEvent, SQSBatchResponse> handler,
      String queueUrl,
      String deadLetterUrl,
      boolean fifo) {
    this.sqs = sqs;
    this.handler = handler;
    this.queueUrl = queueUrl;
    this.deadLetterUrl = deadLetterUrl;
    this.fifo = fifo;
    this.queueArn = arn(sqs, queueUrl);
  }

  /**
   * Creates the queue {@code name} (made unique) and its dead-letter queue, feeding {@code
   * handler}.
   */
  public static QueueDriver create(
      SqsClient sqs, String name, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
    boolean fifo = name.endsWith(".fifo");
    String base = (fifo ? name.substring(0, name.length() - 5) : name) + "-" + suffix();
    String suffix = fifo ? ".fifo" : "";
    String deadLetterUrl = createQueue(sqs, base + "-dlq" + suffix, fifo, Map.of());
    String redrive =
        "{\"deadLetterTargetArn\":\""
            + arn(sqs, deadLetterUrl)
            + "\",\"maxReceiveCount\":\""
            + MAX_RECEIVE_COUNT
            + "\"}";
    String queueUrl =
        createQueue(sqs, base + suffix, fifo, Map.of(QueueAttributeName.REDRIVE_POLICY, redrive));
    return new QueueDriver(sqs, handler, queueUrl, deadLetterUrl, fifo);
  }

  /** The queue's ARN, as the records' {@code eventSourceARN} carry it. */
  public String queueArn() {
    return queueArn;
  }

  /** Sends one message; returns its message id. */
  public String send(String body) {
    return sqs.sendMessage(
            r -> {
              r.queueUrl(queueUrl).messageBody(body);
              if (fifo) {
                r.messageGroupId("group-1");
              }
            })
        .messageId();
  }

  /** Sends the bodies in one call, so that one receive can return them together; returns ids. */
  public List<String> sendBatch(String... bodies) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      SendMessageBatchRequestEntry.Builder entry =
          SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies[i]);
      entries.add((fifo ? entry.messageGroupId("group-1") : entry).build());
    }
    var response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
    if (!response.failed().isEmpty()) {
      throw new AssertionError("ElasticMQ refused messages: " + response.failed());
    }
    return response.successful().stream().map(s -> s.messageId()).toList();
  }

  /**
   * Receives once, waiting up to a second for messages, and invokes the handler when there are any.
   *
   * @return whether the handler was invoked
   */
  public boolean pollOnce() {
    List<Message> messages =
        sqs.receiveMessage(r ->
                r.queueUrl(queueUrl)
                    .maxNumberOfMessages(BATCH_SIZE)
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    if (messages.isEmpty()) {
      return false;
    }
    invoke(messages);
    return true;
  }

  /**
   * Polls until the queue holds no message, visible or in flight: every message was handled or
   * moved to the dead-letter queue.
   *
   * @throws AssertionError after {@link #DEADLINE}
   */
  public void runUntilEmpty() {
    runUntil(() -> count(queueUrl) == 0, "the queue to be empty");
  }

  /**
   * Polls until the dead-letter queue holds {@code count} messages.
   *
   * @throws AssertionError after {@link #DEADLINE}
   */
  public void runUntilDeadLettered(int count) {
    runUntil(() -> count(deadLetterUrl) >= count, count + " dead-lettered messages");
  }

  /** How many messages the dead-letter queue holds. */
  public int deadLetterCount() {
    return count(deadLetterUrl);
  }

  /** The bodies in the dead-letter queue (received and left there). */
  public List<String> deadLetterBodies() {
    return sqs
        .receiveMessage(
            r -> r.queueUrl(deadLetterUrl).maxNumberOfMessages(BATCH_SIZE).visibilityTimeout(0))
        .messages()
        .stream()
        .map(Message::body)
        .toList();
  }

  /** Every invocation so far, in order. */
  public List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  /** How many times the handler got the message {@code messageId}. */
  public long deliveries(String messageId) {
    return invocations.stream().filter(i -> i.messageIds().contains(messageId)).count();
  }

  /** Deletes the queue and its dead-letter queue. */
  @Override
  public void close() {
    sqs.deleteQueue(r -> r.queueUrl(queueUrl));
    sqs.deleteQueue(r -> r.queueUrl(deadLetterUrl));
  }

  private void invoke(List<Message> messages) {
    SQSEvent event = SqsEvents.fromReceived(messages, queueArn);
    List<String> ids = messages.stream().map(Message::messageId).toList();
    Map<String, Integer> counts =
        messages.stream()
            .collect(
                Collectors.toMap(
                    Message::messageId,
                    m ->
                        Integer.parseInt(
                            m.attributes()
                                .get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))));
    List<String> failed;
    Throwable error = null;
    try {
      SQSBatchResponse response =
          handler.handleRequest(
              event, TestLambdaContext.newInvocation(Duration.ofMillis(REMAINING_MILLIS)));
      failed =
          response.getBatchItemFailures().stream()
              .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
              .toList();
    } catch (RuntimeException | Error e) {
      failed = ids;
      error = e;
    }
    invocations.add(new Invocation(ids, counts, failed, error));
    delete(messages, Set.copyOf(failed));
  }

  private void delete(List<Message> messages, Set<String> failed) {
    List<DeleteMessageBatchRequestEntry> done =
        messages.stream()
            .filter(m -> !failed.contains(m.messageId()))
            .map(m ->
                DeleteMessageBatchRequestEntry.builder()
                    .id(m.messageId())
                    .receiptHandle(m.receiptHandle())
                    .build())
            .toList();
    if (done.isEmpty()) {
      return;
    }
    var response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
    if (!response.failed().isEmpty()) {
      throw new AssertionError("ElasticMQ did not delete messages: " + response.failed());
    }
  }

  private void runUntil(BooleanSupplier done, String what) {
    Instant deadline = Instant.now().plus(DEADLINE);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Waited " + DEADLINE + " for " + what + "; invocations: " + invocations);
      }
      pollOnce();
    }
  }

  private int count(String url) {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(r ->
                r.queueUrl(url)
                    .attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
            .attributes();
    return attributes.values().stream().mapToInt(Integer::parseInt).sum();
  }

  private static String createQueue(
      SqsClient sqs, String name, boolean fifo, Map<QueueAttributeName, String> extra) {
    Map<QueueAttributeName, String> attributes = new HashMap<>(extra);
    attributes.put(
        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS));
    if (fifo) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
      attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
    }
    return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
  }

  private static String arn(SqsClient sqs, String url) {
    return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
