package dev.idem.local.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventIds;
import dev.idem.events.InventoryRejected;
import dev.idem.events.OrderCancelled;
import dev.idem.events.OrderEventData;
import dev.idem.events.OrderPlaced;
import dev.idem.events.PaymentCaptured;
import dev.idem.functions.relay.OrderEventsRelayHandler;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Real stream records of the Orders table on DynamoDB Local, relayed to the local cloud's
 * EventBridge service.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class OrderEventsRelayIT {

  private static final TestClock CLOCK = TestClock.atCurrentSecond();
  private static ReferenceTables tables;
  private static StreamReader stream;
  private static EventBridgeRecorder bus;
  private static RelayFixtures fixtures;
  private static OrderEventsRelayHandler relay;

  @BeforeAll
  static void start(DynamoDbLocal db) {
    tables = ReferenceTables.create(db.client());
    stream = StreamReader.open(db, streamArn());
    bus = EventBridgeRecorder.start();
    fixtures = new RelayFixtures(tables, CLOCK);
    relay = fixtures.relay(bus);
  }

  @AfterAll
  static void stop() {
    bus.close();
    stream.close();
    tables.drop();
    tables.dynamo().close();
  }

  @BeforeEach
  void drainEarlierChanges() {
    stream.readNew();
    bus.reset();
  }

  @AfterEach
  void everyEventMatchesItsSchema() {
    assertThat(bus.schemaProblems()).isEmpty();
  }

  @Test
  void handleRequest_insertOfPlacedOrder_publishesOrderPlacedWithDeterministicId() {
    String orderId = fixtures.placeOrder("checkout-1");
    DynamodbEvent event = stream.readNew();

    StreamsEventResponse response = relay.handleRequest(event, null);

    DynamodbStreamRecord insert = event.getRecords().get(0);
    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(bus.accepted())
        .singleElement()
        .satisfies(entry -> {
          assertThat(entry.eventBusName()).isEqualTo(RelayFixtures.BUS);
          assertThat(entry.source()).isEqualTo("idem.orders");
          assertThat(entry.detailType()).isEqualTo("OrderPlaced");
        });
    DomainEvent<OrderEventData> placed = bus.events().get(0);
    assertThat(placed.metadata().eventId())
        .isEqualTo(EventIds.fromStreamRecord(insert.getEventID(), "OrderPlaced"));
    assertThat(placed.metadata().correlationId()).isEqualTo("checkout-1");
    assertThat(placed.data())
        .isInstanceOfSatisfying(
            OrderPlaced.class,
            data -> {
              assertThat(data.orderId()).isEqualTo(orderId);
              assertThat(data.total()).isEqualTo(2 * 2490 + 5900);
              assertThat(data.lines())
                  .extracting(OrderPlaced.Line::unitPrice)
                  .containsExactly(2490L, 5900L);
            });
  }

  @Test
  void handleRequest_orderLife_oneEventPerTransitionInOrderWithOneCorrelationId() {
    String orderId = fixtures.placeOrder("checkout-2");
    fixtures.update(orderId, "evt-placed", Map.of("status", s("PAID"), "paymentId", s("pay_1")));
    CLOCK.advance(Duration.ofSeconds(1));
    fixtures.update(orderId, "evt-placed", Map.of("inventory", s("RESERVED")));
    fixtures.update(orderId, "evt-reserved", Map.of("status", s("FULFILLED")));

    StreamsEventResponse response = relay.handleRequest(stream.readNew(), null);

    List<DomainEvent<OrderEventData>> events = bus.events();
    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(events)
        .extracting(DomainEvent::detailType)
        .containsExactly("OrderPlaced", "PaymentCaptured", "InventoryReserved", "OrderFulfilled");
    assertThat(events).extracting(e -> e.metadata().correlationId()).containsOnly("checkout-2");
    assertThat(events).extracting(e -> e.data().orderId()).containsOnly(orderId);
    assertThat(events.get(1).data())
        .isEqualTo(new PaymentCaptured(orderId, "pay_1", 2 * 2490 + 5900, "EUR"));
    assertThat(events.get(3).metadata().causationId()).isEqualTo("evt-reserved");
    assertThat(events.get(3).metadata().occurredAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void handleRequest_sameBatchDeliveredAgain_eachEventPublishedOnce() {
    String orderId = fixtures.placeOrder("checkout-3");
    fixtures.update(orderId, "evt-placed", Map.of("status", s("PAID"), "paymentId", s("pay_3")));
    DynamodbEvent batch = stream.readNew();

    relay.handleRequest(batch, null);
    StreamsEventResponse again = relay.handleRequest(batch, null);

    assertThat(again.getBatchItemFailures()).isEmpty();
    assertThat(bus.accepted())
        .extracting(EventBridgeRecorder.Entry::detailType)
        .containsExactly("OrderPlaced", "PaymentCaptured");
  }

  @Test
  void handleRequest_changeOfNeitherStatusNorInventory_publishesNothing() {
    String orderId = fixtures.placeOrder("checkout-4");
    stream.readNew();
    fixtures.update(orderId, "evt-note", Map.of("failureReason", s("customer called")));

    DynamodbEvent change = stream.readNew();
    StreamsEventResponse response = relay.handleRequest(change, null);

    assertThat(change.getRecords()).hasSize(1);
    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(bus.calls()).isZero();
  }

  @Test
  void handleRequest_rejectionAndCancellationInOneUpdate_bothEventsInCauseOrder() {
    String orderId = fixtures.placeOrder("checkout-5");
    stream.readNew();
    fixtures.update(
        orderId,
        "evt-placed",
        Map.of(
            "inventory", s("REJECTED"),
            "status", s("CANCELLED"),
            "failureReason", s("out of stock"),
            "rejectedSkus", AttributeValue.fromL(List.of(s("SKU-002")))));

    relay.handleRequest(stream.readNew(), null);

    assertThat(bus.events())
        .extracting(DomainEvent::data)
        .containsExactly(
            new InventoryRejected(orderId, "out of stock", List.of("SKU-002")),
            new OrderCancelled(orderId, "out of stock"));
  }

  @Test
  void handleRequest_removedOrder_publishesNothing() {
    String orderId = fixtures.placeOrder("checkout-6");
    stream.readNew();
    tables
        .dynamo()
        .deleteItem(r -> r.tableName(tables.orders()).key(Map.of("orderId", s(orderId))));

    DynamodbEvent removal = stream.readNew();
    StreamsEventResponse response = relay.handleRequest(removal, null);

    assertThat(removal.getRecords())
        .extracting(DynamodbStreamRecord::getEventName)
        .containsExactly("REMOVE");
    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(bus.calls()).isZero();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static String streamArn() {
    return tables
        .dynamo()
        .describeTable(r -> r.tableName(tables.orders()))
        .table()
        .latestStreamArn();
  }
}
