package dev.idem.functions.payments;

import static dev.idem.functions.testkit.OrderFixtures.attribute;
import static dev.idem.functions.testkit.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventJson;
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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** CapturePaymentHandler's outcomes, driven from a real queue. */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class CapturePaymentIT {

  private static ReferenceTables tables;
  private static StubProvider payments;

  private final TestClock clock = TestClock.atCurrentSecond();
  private final CapturedOutput out = new CapturedOutput();
  private CapturePaymentHandler handler;
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
    handler = handler(tables, payments, clock, out);
    queue = QueueDriver.create(sqs, "payments", handler);
  }

  @AfterEach
  void deleteQueue() {
    queue.close();
  }

  /** A handler for {@code tables} and {@code provider}, built from an environment like Lambda's. */
  static CapturePaymentHandler handler(
      ReferenceTables tables, StubProvider provider, TestClock clock, CapturedOutput out) {
    Map<String, String> env = new HashMap<>(tables.environment());
    env.put("PAYMENT_PROVIDER_URL", provider.url().toString());
    env.put("PAYMENT_PROVIDER_TIMEOUT_MS", "500");
    return new CapturePaymentHandler(
        CapturePaymentConfig.fromEnv(env), tables.dynamo(), clock, out.stream());
  }

  @Test
  void handleRequest_orderPlaced_chargesOnceAndMarksTheOrderPaid() throws Exception {
    payments.answerNext(1, 201, "{\"id\":\"pay_happy\"}");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-001", 2));
    String orderId = placed.data().orderId();

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();

    assertThat(payments.requests())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.path()).isEqualTo("/charges");
          assertThat(r.idempotencyKey()).isEqualTo("charge-" + orderId);
          assertThat(new ObjectMapper().readTree(r.body()))
              .isEqualTo(
                  new ObjectMapper()
                      .readTree(
                          "{\"orderId\":\""
                              + orderId
                              + "\",\"amount\":2000,\"currency\":\"EUR\"}"));
        });
    assertThat(attribute(tables, orderId, "status")).isEqualTo("PAID");
    assertThat(attribute(tables, orderId, "paymentId")).isEqualTo("pay_happy");
    assertThat(attribute(tables, orderId, "version")).isEqualTo("2");
    assertThat(attribute(tables, orderId, "causationId")).isEqualTo(placed.metadata().eventId());
    assertThat(attribute(tables, orderId, "correlationId"))
        .isEqualTo(placed.metadata().correlationId());
    assertThat(attribute(tables, orderId, "updatedAt")).isEqualTo(clock.instant().toString());
    assertThat(queue.invocations())
        .singleElement()
        .satisfies(i -> assertThat(i.failedIds()).isEmpty());
    assertThat(out.metric("PaymentsCaptured")).isEqualTo(1);
  }

  @Test
  void handleRequest_providerAnswersPaymentId_recordsIt() {
    payments.answerNext(1, 201, "{\"paymentId\":\"pay_9Kx2\"}");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-002", 1));

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();

    assertThat(attribute(tables, placed.data().orderId(), "paymentId")).isEqualTo("pay_9Kx2");
  }

  @Test
  void handleRequest_cardDeclined_marksPaymentFailedWithoutRetrying() {
    payments.answerNext(1, 402, "{\"reason\":\"card_declined\"}");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-003", 1));
    String orderId = placed.data().orderId();

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();

    assertThat(attribute(tables, orderId, "status")).isEqualTo("PAYMENT_FAILED");
    assertThat(attribute(tables, orderId, "failureReason")).isEqualTo("card_declined");
    assertThat(attribute(tables, orderId, "version")).isEqualTo("2");
    assertThat(payments.requests()).hasSize(1);
    assertThat(queue.invocations()).hasSize(1);
    assertThat(queue.deadLetterCount()).isZero();
  }

  @Test
  void handleRequest_orderCancelledForLackOfStock_doesNotCharge() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-012", 5));
    OrderFixtures.setState(tables, placed.data().orderId(), "CANCELLED", "REJECTED");

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();

    assertThat(payments.requests()).isEmpty();
    assertThat(attribute(tables, placed.data().orderId(), "status")).isEqualTo("CANCELLED");
    assertThat(out.messages("INFO")).contains("order not waiting for payment; not charged");
  }

  @Test
  void handleRequest_orderNotInTable_failsTheMessageUntilItIsDeadLettered() {
    DomainEvent<OrderPlaced> neverStored = OrderFixtures.orderPlaced(line("SKU-001", 1));

    queue.send(SqsEvents.eventBridgeBody(neverStored));
    queue.runUntilDeadLettered(1);

    assertThat(payments.requests()).isEmpty();
    assertThat(queue.invocations()).hasSize(QueueDriver.MAX_RECEIVE_COUNT);
    assertThat(out.messages("WARN")).containsOnly("event failed; the queue delivers it again");
  }

  @Test
  void handleRequest_sampleEvent_capturesThePayment() {
    SQSEvent sample = EventLoader.loadSQSEvent("../events/samples/capture-payment.json");
    DomainEvent<OrderPlaced> placed =
        EventJson.readEventBridgeEvent(sample.getRecords().get(0).getBody(), OrderPlaced.class);
    OrderFixtures.insert(tables, placed);

    SQSBatchResponse response = handler.handleRequest(sample, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(attribute(tables, placed.data().orderId(), "status")).isEqualTo("PAID");
    assertThat(attribute(tables, placed.data().orderId(), "paymentId")).startsWith("pay_");
    assertThat(payments.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("\"amount\":7499"));
  }
}
