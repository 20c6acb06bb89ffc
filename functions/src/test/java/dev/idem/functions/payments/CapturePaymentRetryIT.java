package dev.idem.functions.payments;

import static dev.idem.functions.testkit.OrderFixtures.attribute;
import static dev.idem.functions.testkit.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.events.DomainEvent;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.fulfilment.CapturedOutput;
import dev.idem.functions.testkit.OrderFixtures;
import dev.idem.functions.testkit.QueueDriver;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.functions.testkit.SqsEvents;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.ElasticMqExtension;
import dev.idem.testing.StubProvider;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** CapturePaymentHandler under redelivery, provider failures and poison messages. */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class CapturePaymentRetryIT {

  private static ReferenceTables tables;
  private static StubProvider payments;

  private final CapturedOutput out = new CapturedOutput();
  private QueueDriver queue;

  @BeforeAll
  static void createTables(DynamoDbClient dynamo) {
    tables = ReferenceTables.create(dynamo);
    payments = StubProvider.start("pay");
  }

  @AfterAll
  static void dropTables() {
    payments.close();
    tables.drop();
  }

  @BeforeEach
  void createQueue(SqsClient sqs) {
    payments.reset();
    queue =
        QueueDriver.create(
            sqs,
            "payments",
            CapturePaymentIT.handler(tables, payments, TestClock.atCurrentSecond(), out));
  }

  @AfterEach
  void deleteQueue() {
    queue.close();
  }

  @Test
  void handleRequest_sameMessageTwice_chargesOnce() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-001", 1));
    String body = SqsEvents.eventBridgeBody(placed);

    queue.sendBatch(body, body);
    queue.runUntilEmpty();

    assertThat(payments.requests()).hasSize(1);
    assertThat(attribute(tables, placed.data().orderId(), "status")).isEqualTo("PAID");
    assertThat(attribute(tables, placed.data().orderId(), "version")).isEqualTo("2");
    assertThat(queue.deadLetterCount()).isZero();
  }

  @Test
  void handleRequest_sameEventRepublishedToAnotherContainer_chargesOnce(SqsClient sqs) {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-002", 1));
    CapturedOutput otherOut = new CapturedOutput();

    queue.send(SqsEvents.eventBridgeBody(placed, "envelope-1"));
    queue.runUntilEmpty();
    try (QueueDriver other =
        QueueDriver.create(
            sqs,
            "payments",
            CapturePaymentIT.handler(tables, payments, TestClock.atCurrentSecond(), otherOut))) {
      other.send(SqsEvents.eventBridgeBody(placed, "envelope-2"));
      other.runUntilEmpty();

      assertThat(other.invocations())
          .singleElement()
          .satisfies(i -> assertThat(i.failedIds()).isEmpty());
      assertThat(other.deadLetterCount()).isZero();
    }
    assertThat(payments.requests()).hasSize(1);
    assertThat(otherOut.metric("PaymentsCaptured")).isZero();
  }

  @Test
  void handleRequest_provider5xxThenSuccess_retriesThroughTheQueueUnderTheSameKey() {
    payments.failNext(1, 503);
    payments.answerNext(1, 201, "{\"paymentId\":\"pay_retried\"}");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-003", 1));
    String orderId = placed.data().orderId();

    String messageId = queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();

    assertThat(payments.requests())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo("charge-" + orderId));
    assertThat(queue.deliveries(messageId)).isEqualTo(2);
    assertThat(queue.invocations().get(1).receiveCounts()).containsEntry(messageId, 2);
    assertThat(attribute(tables, orderId, "status")).isEqualTo("PAID");
    assertThat(attribute(tables, orderId, "paymentId")).isEqualTo("pay_retried");
    assertThat(out.metric("PaymentsCaptured")).isEqualTo(1);
  }

  @Test
  void handleRequest_providerTimesOutOnce_retriesUnderTheSameKeyAndRecordsOnePayment() {
    payments.delayNext(1, Duration.ofSeconds(5));
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-004", 3));
    String orderId = placed.data().orderId();

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();

    assertThat(payments.requestsWithKey("charge-" + orderId)).hasSize(2);
    assertThat(payments.requests()).hasSize(2);
    assertThat(attribute(tables, orderId, "status")).isEqualTo("PAID");
    assertThat(attribute(tables, orderId, "version")).isEqualTo("2");
  }

  @Test
  void handleRequest_providerAlwaysFails_deadLettersAfterMaxReceivesAndLeavesOrderPlaced() {
    payments.answerAlways(new StubProvider.Answer(503, "{}", Duration.ZERO));
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-005", 1));
    String orderId = placed.data().orderId();

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilDeadLettered(1);

    assertThat(payments.requests())
        .hasSize(QueueDriver.MAX_RECEIVE_COUNT)
        .allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo("charge-" + orderId));
    assertThat(attribute(tables, orderId, "status")).isEqualTo("PLACED");
    assertThat(attribute(tables, orderId, "version")).isEqualTo("1");
    assertThat(out.messages("WARN"))
        .hasSize(QueueDriver.MAX_RECEIVE_COUNT)
        .containsOnly("event failed; the queue delivers it again");
  }

  @Test
  void handleRequest_poisonMessagesInABatch_deadLettersThemAndChargesTheRest() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-006", 1));
    String notJson = "this is not an event";
    String wrongType = SqsEvents.eventBridgeBody(OrderFixtures.paymentCaptured("order-x"));

    List<String> ids = queue.sendBatch(notJson, SqsEvents.eventBridgeBody(placed), wrongType);
    queue.runUntilDeadLettered(2);
    queue.runUntilEmpty();

    assertThat(queue.invocations().get(0).messageIds()).hasSize(3);
    assertThat(queue.invocations().get(0).failedIds())
        .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
    assertThat(queue.deliveries(ids.get(1))).isEqualTo(1);
    assertThat(attribute(tables, placed.data().orderId(), "status")).isEqualTo("PAID");
    assertThat(payments.requests()).hasSize(1);
    assertThat(queue.deadLetterBodies()).containsExactlyInAnyOrder(notJson, wrongType);
    assertThat(out.logs("WARN"))
        .hasSize(2 * QueueDriver.MAX_RECEIVE_COUNT)
        .allSatisfy(
            l -> assertThat(l.path("message").asText()).startsWith("message is not an event"));
    assertThat(out.metric("PoisonMessages")).isEqualTo(2 * QueueDriver.MAX_RECEIVE_COUNT);
  }
}
