package dev.idem.local.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.idem.functions.relay.OrderEventsRelayHandler;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events the local cloud's EventBridge will not take (its {@code putevents-failed} faults), and
 * images that cannot make their events: never dropped.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class OrderEventsRelayFailureIT {

  private static ReferenceTables tables;
  private static StreamReader stream;
  private static EventBridgeRecorder bus;
  private static RelayFixtures fixtures;
  private static OrderEventsRelayHandler relay;

  @BeforeAll
  static void start(DynamoDbLocal db) {
    tables = ReferenceTables.create(db.client());
    String arn =
        tables.dynamo().describeTable(r -> r.tableName(tables.orders())).table().latestStreamArn();
    stream = StreamReader.open(db, arn);
    bus = EventBridgeRecorder.start();
    fixtures = new RelayFixtures(tables, TestClock.atCurrentSecond());
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

  @Test
  void handleRequest_entryRefusedForGood_thatRecordIsTheFailureAndLaterOnesWait() {
    DynamodbEvent batch = placedPaidReserved();
    bus.faults("[{\"kind\":\"putevents-failed\",\"detailType\":\"PaymentCaptured\"}]");

    StreamsEventResponse response = relay.handleRequest(batch, null);

    String paidSequence = batch.getRecords().get(1).getDynamodb().getSequenceNumber();
    assertThat(response.getBatchItemFailures())
        .singleElement()
        .satisfies(f -> assertThat(f.getItemIdentifier()).isEqualTo(paidSequence));
    assertThat(bus.accepted())
        .extracting(EventBridgeRecorder.Entry::detailType)
        .containsExactly("OrderPlaced");
    assertThat(bus.refused()).hasSize(3).allMatch(e -> e.detailType().equals("PaymentCaptured"));
    assertThat(fixtures.logs()).contains("\"message\":\"events not published\"");
  }

  @Test
  void handleRequest_retriedAfterTheBusRecovers_publishesTheRestOnceWithTheSameIds() {
    DynamodbEvent batch = placedPaidReserved();
    bus.faults("[{\"kind\":\"putevents-failed\",\"detailType\":\"PaymentCaptured\"}]");
    relay.handleRequest(batch, null);
    String refusedDetail = bus.refused().get(0).detail();
    bus.reset();

    StreamsEventResponse retry = relay.handleRequest(batch, null);

    assertThat(retry.getBatchItemFailures()).isEmpty();
    assertThat(bus.accepted())
        .extracting(EventBridgeRecorder.Entry::detailType)
        .containsExactly("PaymentCaptured", "InventoryReserved");
    assertThat(bus.accepted().get(0).detail()).isEqualTo(refusedDetail);
  }

  @Test
  void handleRequest_entryRefusedOnce_retriedByThePublisherAndTheBatchSucceeds() {
    DynamodbEvent batch = placedPaidReserved();
    // InternalFailure: retryable, as ThrottlingException is (EventBridgePublisher)
    bus.faults("[{\"kind\":\"putevents-failed\",\"limit\":1}]");

    StreamsEventResponse response = relay.handleRequest(batch, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(bus.refused()).hasSize(1);
    assertThat(bus.accepted())
        .extracting(EventBridgeRecorder.Entry::detailType)
        .containsExactly("OrderPlaced", "PaymentCaptured", "InventoryReserved");
  }

  @Test
  void handleRequest_paidImageWithoutPaymentId_thatRecordIsTheFailure() {
    String orderId = fixtures.placeOrder("checkout-bad");
    fixtures.update(orderId, "evt-placed", Map.of("status", AttributeValue.fromS("PAID")));
    DynamodbEvent batch = stream.readNew();

    StreamsEventResponse response = relay.handleRequest(batch, null);

    assertThat(response.getBatchItemFailures())
        .singleElement()
        .satisfies(f ->
            assertThat(f.getItemIdentifier())
                .isEqualTo(batch.getRecords().get(1).getDynamodb().getSequenceNumber()));
    assertThat(bus.accepted())
        .extracting(EventBridgeRecorder.Entry::detailType)
        .containsExactly("OrderPlaced");
    assertThat(fixtures.logs()).contains("paymentId is required");
  }

  private DynamodbEvent placedPaidReserved() {
    String orderId = fixtures.placeOrder("checkout-f");
    fixtures.update(
        orderId,
        "evt-placed",
        Map.of("status", AttributeValue.fromS("PAID"), "paymentId", AttributeValue.fromS("pay_f")));
    fixtures.update(orderId, "evt-placed", Map.of("inventory", AttributeValue.fromS("RESERVED")));
    DynamodbEvent batch = stream.readNew();
    assertThat(batch.getRecords()).hasSize(3);
    return batch;
  }
}
