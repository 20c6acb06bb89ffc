package dev.idem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The auditor's own view of the orders bus, taken through the AWS API as any subscriber would: an
 * SQS queue and a rule on the bus sending it every event of the reference system's sources. A
 * virtual thread drains the queue while the system runs, keeping each delivery as an {@link
 * Observed.BusEvent}; deliveries of one event id more than once are kept too (EventBridge delivers
 * at least once). Thread-safe; {@link #close()} stops the background drain.
 */
final class AuditTrail implements AutoCloseable {

  static final String QUEUE = "idem-audit-events";
  static final String RULE = "idem-audit-every-event";

  /** The reference system's event sources ({@code dev.idem.events.Sources}). */
  static final String PATTERN =
      "{\"source\":[\"idem.orders\",\"idem.payments\",\"idem.inventory\"]}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int WAIT_SECONDS = 1;

  private final SqsClient sqs;
  private final String queueUrl;
  // Not a CopyOnWriteArrayList: tens of thousands of appends would copy it each time.
  private final Queue<Observed.BusEvent> events = new ConcurrentLinkedQueue<>();
  private final Thread drainer;
  private volatile boolean open = true;

  private AuditTrail(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.drainer = Thread.ofVirtual().name("audit-trail").start(this::drainWhileOpen);
  }

  /** Creates the queue and the rule on {@code bus}, and starts draining. */
  static AuditTrail subscribe(SqsClient sqs, EventBridgeClient events, String bus) {
    String url = sqs.createQueue(r -> r.queueName(QUEUE)).queueUrl();
    String arn =
        sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    events.putRule(r -> r.name(RULE).eventBusName(bus).eventPattern(PATTERN));
    events.putTargets(r -> r.rule(RULE).eventBusName(bus).targets(t -> t.id("audit").arn(arn)));
    return new AuditTrail(sqs, url);
  }

  /** Every delivery received so far. */
  List<Observed.BusEvent> events() {
    return List.copyOf(events);
  }

  /**
   * Receives until the queue is empty and nothing in it is in flight.
   *
   * @return every delivery received so far
   */
  List<Observed.BusEvent> drain() {
    while (receiveOnce() > 0 || depth() > 0) {
      // A long poll that comes back empty, with nothing in flight, ends it.
    }
    return events();
  }

  @Override
  public void close() {
    open = false;
  }

  private void drainWhileOpen() {
    while (open) {
      try {
        receiveOnce();
      } catch (RuntimeException e) {
        // The cloud is busy or closing; the final drain will read what is left.
        pauseQuietly();
      }
    }
  }

  private int receiveOnce() {
    List<Message> messages =
        sqs.receiveMessage(
                r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(WAIT_SECONDS))
            .messages();
    if (messages.isEmpty()) {
      return 0;
    }
    messages.forEach(m -> events.add(event(m.body())));
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      String handle = messages.get(i).receiptHandle();
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(handle)
              .build());
    }
    sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
    return messages.size();
  }

  private long depth() {
    return sqs
        .getQueueAttributes(r ->
            r.queueUrl(queueUrl)
                .attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes()
        .values()
        .stream()
        .mapToLong(Long::parseLong)
        .sum();
  }

  /** An EventBridge event as a rule delivers it; one that does not parse keeps its raw id. */
  static Observed.BusEvent event(String body) {
    try {
      JsonNode event = JSON.readTree(body);
      JsonNode detail = event.path("detail");
      return new Observed.BusEvent(
          detail.path("metadata").path("eventId").asText(event.path("id").asText("?")),
          event.path("detail-type").asText("?"),
          detail.path("data").path("orderId").asText("?"));
    } catch (IOException e) {
      return new Observed.BusEvent("unparsed:" + body.hashCode(), "?", "?");
    }
  }

  private static void pauseQuietly() {
    try {
      Thread.sleep(Duration.ofMillis(200));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
