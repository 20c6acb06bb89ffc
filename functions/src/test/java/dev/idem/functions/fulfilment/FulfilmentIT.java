package dev.idem.functions.fulfilment;

import static dev.idem.functions.testkit.OrderFixtures.attribute;
import static dev.idem.functions.testkit.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.events.DomainEvent;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.inventory.ReserveInventoryConfig;
import dev.idem.functions.inventory.ReserveInventoryHandler;
import dev.idem.functions.payments.CapturePaymentConfig;
import dev.idem.functions.payments.CapturePaymentHandler;
import dev.idem.functions.testkit.OrderFixtures;
import dev.idem.functions.testkit.QueueDriver;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.functions.testkit.SqsEvents;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.ElasticMqExtension;
import dev.idem.testing.FaultInjector;
import dev.idem.testing.LocalAccount;
import dev.idem.testing.StubProvider;
import dev.idem.testing.TestClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Payment and inventory race to the last step: each consumer on its own queue gets the same {@code
 * OrderPlaced} event, as the two EventBridge rules deliver it, and whichever finishes second
 * fulfils the order, once.
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class FulfilmentIT {

  private static ReferenceTables tables;
  private static StubProvider payments;

  private final TestClock clock = TestClock.atCurrentSecond();
  private final CapturedOutput out = new CapturedOutput();
  private QueueDriver paymentsQueue;
  private QueueDriver inventoryQueue;

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
  void createQueues(SqsClient sqs) {
    Map<String, String> env = new HashMap<>(tables.environment());
    env.put("PAYMENT_PROVIDER_URL", payments.url().toString());
    paymentsQueue =
        QueueDriver.create(
            sqs,
            "payments",
            new CapturePaymentHandler(
                CapturePaymentConfig.fromEnv(env), tables.dynamo(), clock, out.stream()));
    inventoryQueue =
        QueueDriver.create(
            sqs,
            "inventory",
            new ReserveInventoryHandler(
                ReserveInventoryConfig.fromEnv(env), tables.dynamo(), clock, out.stream()));
  }

  @AfterEach
  void deleteQueues() {
    paymentsQueue.close();
    inventoryQueue.close();
  }

  @Test
  void paidThenReserved_inventoryFulfilsTheOrderOnce() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-007", 1));

    deliver(paymentsQueue, placed);
    assertThat(attribute(tables, placed.data().orderId(), "status")).isEqualTo("PAID");
    deliver(inventoryQueue, placed);

    assertFulfilledOnce(placed);
  }

  @Test
  void reservedThenPaid_paymentFulfilsTheOrderOnce() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-010", 2));

    deliver(inventoryQueue, placed);
    assertThat(attribute(tables, placed.data().orderId(), "inventory")).isEqualTo("RESERVED");
    deliver(paymentsQueue, placed);

    assertFulfilledOnce(placed);
  }

  @Test
  void bothRedeliveredAfterFulfilment_changeNothing() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-001", 1));
    deliver(paymentsQueue, placed);
    deliver(inventoryQueue, placed);

    deliver(paymentsQueue, placed);
    deliver(inventoryQueue, placed);

    assertFulfilledOnce(placed);
    assertThat(payments.requestsWithKey("charge-" + placed.data().orderId())).hasSize(1);
  }

  // Found by the exactly-once auditor (ExactlyOnceIT, fault seed 7): the PAID write took effect,
  // its answer was lost (the call hung past the SDK's attempt timeout), the SDK's retry failed its
  // condition, and CapturePayment took the order for cancelled: "refund it", no fulfilment. The
  // stock was reserved already, so the order stayed PAID and RESERVED for good.
  @Test
  void reservedThenPaidWithTheAnswerToPaidLost_paymentStillFulfils(
      DynamoDbLocal db, SqsClient sqs) {
    FaultInjector faults = new FaultInjector(UrlConnectionHttpClient.create());
    Map<String, String> env = new HashMap<>(tables.environment());
    env.put("PAYMENT_PROVIDER_URL", payments.url().toString());
    try (DynamoDbClient lossy = client(db, faults);
        QueueDriver lossyPayments =
            QueueDriver.create(
                sqs,
                "payments-lossy",
                new CapturePaymentHandler(
                    CapturePaymentConfig.fromEnv(env), lossy, clock, out.stream()))) {
      DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-006", 1));
      deliver(inventoryQueue, placed);

      faults.loseAnswer("UpdateItem", 1); // the first is PLACED -> PAID
      deliver(lossyPayments, placed);

      assertThat(faults.faulted("UpdateItem")).isEqualTo(1);
      assertFulfilledOnce(placed);
      assertThat(out.metric("PaymentsToRefund")).isZero();
      assertThat(lossyPayments.deadLetterCount()).isZero();
    }
  }

  // Found by the exactly-once auditor (bin/idem bench exactly-once, fault seed 2): the stock was
  // rejected while the provider was charging, the PAID write failed its condition, and the charge
  // was left nowhere but in a log line: a customer charged for a cancelled order, untraceably.
  @Test
  void cancelledWhileBeingCharged_chargeRecordedOnTheCancelledOrderForRefund() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-009", 1));
    String orderId = placed.data().orderId();
    payments.faults((method, path, key) -> {
      tables
          .dynamo()
          .updateItem(
              OrderTransitions.request(
                  new OrderTransitions(tables.orders(), clock)
                      .rejected(orderId, "out of stock", List.of("SKU-009"), "inventory")));
      return null; // answered as usual, once the order is cancelled
    });
    try {
      deliver(paymentsQueue, placed);
    } finally {
      payments.faults(null);
    }

    assertThat(attribute(tables, orderId, "status")).isEqualTo("CANCELLED");
    assertThat(attribute(tables, orderId, "paymentId")).startsWith("pay_");
    assertThat(payments.requestsWithKey("charge-" + orderId)).hasSize(1);
    assertThat(out.metric("PaymentsToRefund")).isEqualTo(1);
    assertThat(out.messages("WARN"))
        .containsOnlyOnce(
            "payment captured, but the order was cancelled meanwhile: recorded on it; refund it");
  }

  // Found by the exactly-once auditor (bin/idem bench exactly-once, fault seed 11): the provider
  // applied the charge but its answer was lost, CapturePayment timed out and left the event for a
  // retry; the stock was rejected meanwhile, and the retry found the order cancelled and skipped it
  // as never charged. The customer was charged and nothing recorded it.
  @Test
  void chargeAnswerLostThenCancelled_retryFindsTheChargeAndRecordsItOnTheCancelledOrder() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-009", 1));
    String orderId = placed.data().orderId();
    payments.faults((method, path, key) -> {
      tables
          .dynamo()
          .updateItem(
              OrderTransitions.request(
                  new OrderTransitions(tables.orders(), clock)
                      .rejected(orderId, "out of stock", List.of("SKU-009"), "inventory")));
      return StubProvider.LostAnswer.reset(); // applied, then the answer is lost
    });
    try {
      deliver(paymentsQueue, placed);
    } finally {
      payments.faults(null);
    }

    assertThat(attribute(tables, orderId, "status")).isEqualTo("CANCELLED");
    assertThat(payments.applied())
        .filteredOn(charge -> ("charge-" + orderId).equals(charge.idempotencyKey()))
        .singleElement()
        .satisfies(
            charge -> assertThat(attribute(tables, orderId, "paymentId")).isEqualTo(charge.id()));
    assertThat(out.metric("PaymentsToRefund")).isEqualTo(1);
  }

  @Test
  void cancelledBeforeItsPaymentWasTried_neverCharged() {
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-009", 1));
    String orderId = placed.data().orderId();
    tables
        .dynamo()
        .updateItem(
            OrderTransitions.request(
                new OrderTransitions(tables.orders(), clock)
                    .rejected(orderId, "out of stock", List.of("SKU-009"), "inventory")));

    deliver(paymentsQueue, placed);

    assertThat(payments.applied())
        .noneMatch(charge -> ("charge-" + orderId).equals(charge.idempotencyKey()));
    assertThat(attribute(tables, orderId, "paymentId")).isNull();
    assertThat(out.metric("PaymentsToRefund")).isZero();
  }

  private static DynamoDbClient client(DynamoDbLocal db, FaultInjector faults) {
    return DynamoDbClient.builder()
        .endpointOverride(db.endpoint())
        .region(LocalAccount.SDK_REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(faults)
        .build();
  }

  @Test
  void paymentDeclinedThenReserved_neverFulfils() {
    payments.answerNext(1, 402, "{\"reason\":\"insufficient_funds\"}");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-002", 1));

    deliver(paymentsQueue, placed);
    deliver(inventoryQueue, placed);

    assertThat(attribute(tables, placed.data().orderId(), "status")).isEqualTo("PAYMENT_FAILED");
    assertThat(attribute(tables, placed.data().orderId(), "inventory")).isEqualTo("RESERVED");
    assertThat(out.metric("OrdersFulfilled")).isZero();
  }

  private static void deliver(QueueDriver queue, DomainEvent<OrderPlaced> placed) {
    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();
  }

  private void assertFulfilledOnce(DomainEvent<OrderPlaced> placed) {
    String orderId = placed.data().orderId();
    assertThat(attribute(tables, orderId, "status")).isEqualTo("FULFILLED");
    assertThat(attribute(tables, orderId, "inventory")).isEqualTo("RESERVED");
    // Placed (1), paid (2), reserved (3), fulfilled (4).
    assertThat(attribute(tables, orderId, "version")).isEqualTo("4");
    assertThat(out.metric("OrdersFulfilled")).isEqualTo(1);
    assertThat(out.messages("INFO")).containsOnlyOnce("order fulfilled");
    assertThat(paymentsQueue.deadLetterCount() + inventoryQueue.deadLetterCount()).isZero();
  }
}
