package dev.idem.functions.inventory;

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
import dev.idem.testing.TestClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ReserveInventoryHandler under redelivery and poison messages: stock is taken once. */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class ReserveInventoryRetryIT {

  private static ReferenceTables tables;

  private final CapturedOutput out = new CapturedOutput();
  private QueueDriver queue;

  @BeforeAll
  static void createTables(DynamoDbClient dynamo) {
    tables = ReferenceTables.create(dynamo);
  }

  @AfterAll
  static void dropTables() {
    tables.drop();
  }

  @BeforeEach
  void createQueue(SqsClient sqs) {
    queue = QueueDriver.create(sqs, "inventory", handler());
  }

  @AfterEach
  void deleteQueue() {
    queue.close();
  }

  @Test
  void handleRequest_sameMessageTwice_takesStockOnce() {
    long beans = tables.stock("SKU-001");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-001", 4));
    String body = SqsEvents.eventBridgeBody(placed);

    queue.sendBatch(body, body);
    queue.runUntilEmpty();

    assertThat(tables.stock("SKU-001")).isEqualTo(beans - 4);
    assertThat(attribute(tables, placed.data().orderId(), "version")).isEqualTo("2");
    assertThat(queue.deadLetterCount()).isZero();
  }

  @Test
  void handleRequest_sameEventRepublishedToAnotherContainer_takesStockOnce(SqsClient sqs) {
    long filters = tables.stock("SKU-004");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-004", 10));

    queue.send(SqsEvents.eventBridgeBody(placed, "envelope-1"));
    queue.runUntilEmpty();
    try (QueueDriver other = QueueDriver.create(sqs, "inventory", handler())) {
      other.send(SqsEvents.eventBridgeBody(placed, "envelope-2"));
      other.runUntilEmpty();

      assertThat(other.invocations())
          .singleElement()
          .satisfies(i -> assertThat(i.failedIds()).isEmpty());
    }
    assertThat(tables.stock("SKU-004")).isEqualTo(filters - 10);
    assertThat(out.metric("InventoryReserved")).isEqualTo(1);
  }

  @Test
  void handleRequest_eventBackInAnotherContainer_replaysItsOneRecordAndTakesStockOnce(
      SqsClient sqs) {
    long drippers = tables.stock("SKU-005");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-005", 2));
    String body = SqsEvents.eventBridgeBody(placed);
    queue.send(body);
    queue.runUntilEmpty();

    try (QueueDriver other = QueueDriver.create(sqs, "inventory", handler())) {
      other.send(body);
      other.runUntilEmpty();
    }

    assertThat(out.lines())
        .filteredOn(l -> l.path("KeyPrefix").asText().startsWith("reserve-inventory"))
        .extracting(l -> l.path("KeyPrefix").asText() + " " + l.path("decision").asText())
        .containsExactly(
            ReserveInventoryHandler.KEY_PREFIX + " FIRST_EXECUTION",
            ReserveInventoryHandler.KEY_PREFIX + " REPLAY");
    assertThat(tables.stock("SKU-005")).isEqualTo(drippers - 2);
    assertThat(attribute(tables, placed.data().orderId(), "inventory")).isEqualTo("RESERVED");
    assertThat(attribute(tables, placed.data().orderId(), "version")).isEqualTo("2");
  }

  @Test
  void handleRequest_eventBackAfterItsRecordIsGone_orderConditionStillTakesStockOnce(
      SqsClient sqs) {
    long drippers = tables.stock("SKU-005");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-005", 1));
    String body = SqsEvents.eventBridgeBody(placed);
    queue.send(body);
    queue.runUntilEmpty();

    // As if the record had expired before the event came back.
    deleteRecords(ReserveInventoryHandler.KEY_PREFIX);
    try (QueueDriver other = QueueDriver.create(sqs, "inventory", handler())) {
      other.send(body);
      other.runUntilEmpty();

      assertThat(other.invocations())
          .singleElement()
          .satisfies(i -> assertThat(i.failedIds()).isEmpty());
    }

    assertThat(tables.stock("SKU-005")).isEqualTo(drippers - 1);
    assertThat(attribute(tables, placed.data().orderId(), "inventory")).isEqualTo("RESERVED");
    assertThat(attribute(tables, placed.data().orderId(), "version")).isEqualTo("2");
    assertThat(out.messages("INFO")).contains("inventory already decided; stock unchanged");
    assertThat(out.metric("InventoryReserved")).isEqualTo(1);
  }

  @Test
  void handleRequest_rejectedEventRedelivered_staysRejectedWithoutARetryLoop() {
    long limited = tables.stock("SKU-012");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-012", 50));
    String body = SqsEvents.eventBridgeBody(placed);

    queue.send(body);
    queue.runUntilEmpty();
    queue.send(body);
    queue.runUntilEmpty();

    assertThat(queue.invocations()).hasSize(2).allSatisfy(i -> assertThat(i.failedIds()).isEmpty());
    assertThat(tables.stock("SKU-012")).isEqualTo(limited);
    assertThat(attribute(tables, placed.data().orderId(), "status")).isEqualTo("CANCELLED");
    assertThat(attribute(tables, placed.data().orderId(), "version")).isEqualTo("2");
    assertThat(out.metric("InventoryRejected")).isEqualTo(1);
  }

  @Test
  void handleRequest_poisonMessagesInABatch_deadLettersThemAndReservesTheRest() {
    long scales = tables.stock("SKU-006");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-006", 1));
    String truncated = SqsEvents.eventBridgeBody(placed).substring(0, 40);
    String wrongType = SqsEvents.eventBridgeBody(OrderFixtures.orderFulfilled("order-x"));

    List<String> ids = queue.sendBatch(truncated, wrongType, SqsEvents.eventBridgeBody(placed));
    queue.runUntilDeadLettered(2);
    queue.runUntilEmpty();

    assertThat(queue.invocations().get(0).failedIds())
        .containsExactlyInAnyOrder(ids.get(0), ids.get(1));
    assertThat(queue.deliveries(ids.get(2))).isEqualTo(1);
    assertThat(tables.stock("SKU-006")).isEqualTo(scales - 1);
    assertThat(queue.deadLetterBodies()).containsExactlyInAnyOrder(truncated, wrongType);
    assertThat(out.messages("WARN"))
        .hasSize(2 * QueueDriver.MAX_RECEIVE_COUNT)
        .allSatisfy(m -> assertThat(m).startsWith("message is not an event"));
  }

  private ReserveInventoryHandler handler() {
    return ReserveInventoryIT.handler(tables, TestClock.atCurrentSecond(), out);
  }

  /** Deletes every record under {@code keyPrefix}: record ids are {@code <prefix>#<hash>}. */
  private static void deleteRecords(String keyPrefix) {
    tables
        .dynamo()
        .scan(r ->
            r.tableName(tables.idempotency())
                .filterExpression("begins_with(id, :prefix)")
                .expressionAttributeValues(
                    Map.of(":prefix", AttributeValue.fromS(keyPrefix + "#"))))
        .items()
        .forEach(item ->
            tables
                .dynamo()
                .deleteItem(
                    r -> r.tableName(tables.idempotency()).key(Map.of("id", item.get("id")))));
  }
}
