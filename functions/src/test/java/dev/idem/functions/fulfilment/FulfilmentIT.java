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
