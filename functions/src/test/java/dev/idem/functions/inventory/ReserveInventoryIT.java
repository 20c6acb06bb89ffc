package dev.idem.functions.inventory;

import static dev.idem.functions.testkit.OrderFixtures.attribute;
import static dev.idem.functions.testkit.OrderFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventJson;
import dev.idem.events.OrderPlaced;
import dev.idem.functions.fulfilment.CapturedOutput;
import dev.idem.functions.testkit.OrderFixtures;
import dev.idem.functions.testkit.QueueDriver;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.functions.testkit.SqsEvents;
import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
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

/** ReserveInventoryHandler's outcomes, driven from a real queue. */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class ReserveInventoryIT {

  private static final CallCounter calls = new CallCounter();
  private static DynamoDbClient counted;
  private static ReferenceTables tables;

  private final TestClock clock = TestClock.atCurrentSecond();
  private final CapturedOutput out = new CapturedOutput();
  private ReserveInventoryHandler handler;
  private QueueDriver queue;

  @BeforeAll
  static void createTables(DynamoDbLocal dynamoDb) {
    counted = dynamoDb.client(calls);
    tables = ReferenceTables.create(counted);
  }

  @AfterAll
  static void dropTables() {
    tables.drop();
    counted.close();
  }

  @BeforeEach
  void createQueue(SqsClient sqs) {
    handler = handler(tables, clock, out);
    queue = QueueDriver.create(sqs, "inventory", handler);
    calls.reset();
  }

  @AfterEach
  void deleteQueue() {
    queue.close();
  }

  /** A handler for {@code tables}, built from an environment like Lambda's. */
  static ReserveInventoryHandler handler(
      ReferenceTables tables, TestClock clock, CapturedOutput out) {
    return new ReserveInventoryHandler(
        ReserveInventoryConfig.fromEnv(tables.environment()), tables.dynamo(), clock, out.stream());
  }

  @Test
  void handleRequest_enoughStock_takesEveryLineAndReservesInOneTransaction() {
    long beans = tables.stock("SKU-001");
    long kettles = tables.stock("SKU-002");
    DomainEvent<OrderPlaced> placed =
        OrderFixtures.place(tables, line("SKU-001", 2), line("SKU-002", 1));
    String orderId = placed.data().orderId();
    calls.reset();

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();
    Map<String, Long> dynamoCalls = calls.snapshot();

    assertThat(tables.stock("SKU-001")).isEqualTo(beans - 2);
    assertThat(tables.stock("SKU-002")).isEqualTo(kettles - 1);
    assertThat(attribute(tables, orderId, "inventory")).isEqualTo("RESERVED");
    assertThat(attribute(tables, orderId, "status")).isEqualTo("PLACED");
    assertThat(attribute(tables, orderId, "version")).isEqualTo("2");
    assertThat(attribute(tables, orderId, "causationId")).isEqualTo(placed.metadata().eventId());
    assertThat(attribute(tables, orderId, "updatedAt")).isEqualTo(clock.instant().toString());
    // One transaction (stock, order and the event's one record), then the fulfilment attempt.
    assertThat(dynamoCalls)
        .containsExactlyInAnyOrderEntriesOf(Map.of("TransactWriteItems", 1L, "UpdateItem", 1L));
    assertThat(out.metric("InventoryReserved")).isEqualTo(1);
  }

  @Test
  void handleRequest_notEnoughStock_rejectsAndCancelsOnceWithoutTakingStock() {
    long limited = tables.stock("SKU-012");
    DomainEvent<OrderPlaced> placed = OrderFixtures.place(tables, line("SKU-012", 5));
    String orderId = placed.data().orderId();

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();

    assertThat(tables.stock("SKU-012")).isEqualTo(limited);
    assertThat(attribute(tables, orderId, "inventory")).isEqualTo("REJECTED");
    assertThat(attribute(tables, orderId, "status")).isEqualTo("CANCELLED");
    assertThat(attribute(tables, orderId, "failureReason")).isEqualTo("out of stock");
    assertThat(tables.order(orderId).get("rejectedSkus").l())
        .extracting(v -> v.s())
        .containsExactly("SKU-012");
    assertThat(attribute(tables, orderId, "version")).isEqualTo("2");
    assertThat(queue.invocations())
        .singleElement()
        .satisfies(i -> assertThat(i.failedIds()).isEmpty());
    assertThat(queue.deadLetterCount()).isZero();
    assertThat(out.logs("INFO"))
        .filteredOn(l -> l.path("message").asText().startsWith("inventory rejected"))
        .singleElement()
        .satisfies(l -> {
          assertThat(l.path("correlationId").asText()).isEqualTo(placed.metadata().correlationId());
          assertThat(l.at("/shortfalls/0/sku").asText()).isEqualTo("SKU-012");
          assertThat(l.at("/shortfalls/0/requested").asInt()).isEqualTo(5);
          assertThat(l.at("/shortfalls/0/available").asLong()).isEqualTo(limited);
        });
  }

  @Test
  void handleRequest_secondLineShort_takesNothingFromTheFirstEither() {
    long tampers = tables.stock("SKU-011");
    long limited = tables.stock("SKU-012");
    DomainEvent<OrderPlaced> placed =
        OrderFixtures.place(tables, line("SKU-011", 1), line("SKU-012", (int) limited + 1));

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();

    assertThat(tables.stock("SKU-011")).isEqualTo(tampers);
    assertThat(tables.stock("SKU-012")).isEqualTo(limited);
    assertThat(tables.order(placed.data().orderId()).get("rejectedSkus").l())
        .extracting(v -> v.s())
        .containsExactly("SKU-012");
  }

  @Test
  void handleRequest_twoLinesShort_namesBoth() {
    DomainEvent<OrderPlaced> placed =
        OrderFixtures.place(
            tables,
            line("SKU-008", (int) tables.stock("SKU-008") + 1),
            line("SKU-001", 1),
            line("SKU-012", (int) tables.stock("SKU-012") + 1));

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();

    assertThat(tables.order(placed.data().orderId()).get("rejectedSkus").l())
        .extracting(v -> v.s())
        .containsExactly("SKU-008", "SKU-012");
  }

  @Test
  void handleRequest_twoLinesOfOneSku_takesTheirSum() {
    long mugs = tables.stock("SKU-009");
    DomainEvent<OrderPlaced> placed =
        OrderFixtures.place(tables, line("SKU-009", 1), line("SKU-009", 2));

    queue.send(SqsEvents.eventBridgeBody(placed));
    queue.runUntilEmpty();

    assertThat(tables.stock("SKU-009")).isEqualTo(mugs - 3);
    assertThat(attribute(tables, placed.data().orderId(), "inventory")).isEqualTo("RESERVED");
  }

  @Test
  void handleRequest_lastUnitsWantedByTwoOrders_reservesOneAndRejectsTheOther() {
    long limited = tables.stock("SKU-012");
    DomainEvent<OrderPlaced> first = OrderFixtures.place(tables, line("SKU-012", (int) limited));
    DomainEvent<OrderPlaced> second = OrderFixtures.place(tables, line("SKU-012", 1));

    try {
      queue.sendBatch(SqsEvents.eventBridgeBody(first), SqsEvents.eventBridgeBody(second));
      queue.runUntilEmpty();

      assertThat(tables.stock("SKU-012")).isZero();
      assertThat(
              List.of(
                  attribute(tables, first.data().orderId(), "inventory"),
                  attribute(tables, second.data().orderId(), "inventory")))
          .containsExactly("RESERVED", "REJECTED");
    } finally {
      restock("SKU-012", limited);
    }
  }

  @Test
  void handleRequest_sampleEvent_reservesTheStock() {
    SQSEvent sample = EventLoader.loadSQSEvent("../events/samples/reserve-inventory.json");
    DomainEvent<OrderPlaced> placed =
        EventJson.readEventBridgeEvent(sample.getRecords().get(0).getBody(), OrderPlaced.class);
    OrderFixtures.insert(tables, placed);
    long kettles = tables.stock("SKU-002");

    SQSBatchResponse response = handler.handleRequest(sample, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(attribute(tables, placed.data().orderId(), "inventory")).isEqualTo("RESERVED");
    assertThat(tables.stock("SKU-002")).isEqualTo(kettles - 1);
  }

  private static void restock(String sku, long available) {
    tables
        .dynamo()
        .putItem(r ->
            r.tableName(tables.inventory())
                .item(
                    Map.of(
                        "sku",
                        AttributeValue.fromS(sku),
                        "available",
                        AttributeValue.fromN(Long.toString(available)))));
  }
}
