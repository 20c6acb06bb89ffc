package dev.idem.functions.relay;

import static dev.idem.functions.relay.StreamRecords.changed;
import static dev.idem.functions.relay.StreamRecords.insert;
import static dev.idem.functions.relay.StreamRecords.modify;
import static dev.idem.functions.relay.StreamRecords.placed;
import static dev.idem.functions.relay.StreamRecords.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.idem.events.DomainEvent;
import dev.idem.events.EventIds;
import dev.idem.events.EventMetadata;
import dev.idem.events.InventoryRejected;
import dev.idem.events.InventoryReserved;
import dev.idem.events.OrderCancelled;
import dev.idem.events.OrderPlaced;
import dev.idem.events.PaymentCaptured;
import dev.idem.events.PaymentFailed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransitionDetectorTest {

  private final TransitionDetector detector = new TransitionDetector();

  @Test
  void detect_insertOfPlacedOrder_orderPlacedWithTheItemsIdsAndLines() {
    List<DomainEvent<?>> events = detector.detect(insert("ev-1", placed()));

    assertThat(events)
        .singleElement()
        .satisfies(event -> {
          assertThat(event.metadata())
              .isEqualTo(
                  EventMetadata.of(
                      EventIds.fromStreamRecord("ev-1", "OrderPlaced"),
                      "corr-1",
                      "req-1",
                      Instant.parse("2026-11-26T10:00:00Z")));
          assertThat(event.data())
              .isEqualTo(
                  new OrderPlaced(
                      StreamRecords.ORDER_ID,
                      "c-1",
                      "EUR",
                      7499,
                      List.of(
                          new OrderPlaced.Line("SKU-001", 2, 1250),
                          new OrderPlaced.Line("SKU-002", 1, 4999))));
        });
  }

  @Test
  void detect_placedToPaid_paymentCapturedForTheTotalWithTheNewCause() {
    Map<String, AttributeValue> paid = changed(placed(), "status", "PAID", "paymentId", "pay_1");

    List<DomainEvent<?>> events = detector.detect(modify("ev-2", placed(), paid));

    assertThat(events)
        .singleElement()
        .satisfies(event -> {
          assertThat(event.data())
              .isEqualTo(new PaymentCaptured(StreamRecords.ORDER_ID, "pay_1", 7499, "EUR"));
          assertThat(event.metadata().causationId()).isEqualTo("cause-2");
          assertThat(event.metadata().eventId())
              .isEqualTo(EventIds.fromStreamRecord("ev-2", "PaymentCaptured"));
        });
  }

  @Test
  void detect_paymentRecordedOnACancelledOrder_paymentCapturedOnly() {
    Map<String, AttributeValue> cancelled =
        changed(placed(), "status", "CANCELLED", "inventory", "REJECTED");
    Map<String, AttributeValue> charged = changed(cancelled, "paymentId", "pay_1");

    List<DomainEvent<?>> events = detector.detect(modify("ev-9", cancelled, charged));

    assertThat(events)
        .singleElement()
        .satisfies(event ->
            assertThat(event.data())
                .isEqualTo(new PaymentCaptured(StreamRecords.ORDER_ID, "pay_1", 7499, "EUR")));
  }

  @Test
  void detect_placedToPaymentFailed_paymentFailedWithTheReason() {
    Map<String, AttributeValue> failed =
        changed(placed(), "status", "PAYMENT_FAILED", "failureReason", "card_declined");

    assertThat(data(modify("ev-3", placed(), failed)))
        .containsExactly(new PaymentFailed(StreamRecords.ORDER_ID, "card_declined"));
  }

  @Test
  void detect_inventoryReserved_inventoryReservedWithEveryLine() {
    Map<String, AttributeValue> reserved = changed(placed(), "inventory", "RESERVED");

    assertThat(data(modify("ev-4", placed(), reserved)))
        .containsExactly(
            new InventoryReserved(
                StreamRecords.ORDER_ID,
                List.of(
                    new InventoryReserved.Line("SKU-001", 2),
                    new InventoryReserved.Line("SKU-002", 1))));
  }

  @Test
  void detect_rejectedAndCancelledInOneUpdate_inventoryRejectedThenOrderCancelled() {
    Map<String, AttributeValue> cancelled =
        changed(
            placed(),
            "inventory",
            "REJECTED",
            "status",
            "CANCELLED",
            "failureReason",
            "out of stock");
    cancelled.put("rejectedSkus", StreamRecords.list(StreamRecords.s("SKU-002")));

    assertThat(data(modify("ev-5", placed(), cancelled)))
        .containsExactly(
            new InventoryRejected(StreamRecords.ORDER_ID, "out of stock", List.of("SKU-002")),
            new OrderCancelled(StreamRecords.ORDER_ID, "out of stock"));
  }

  @Test
  void detect_rejectedWithoutShortSkus_namesEverySkuOfTheOrder() {
    Map<String, AttributeValue> rejected = changed(placed(), "inventory", "REJECTED");

    assertThat(data(modify("ev-6", placed(), rejected)))
        .containsExactly(
            new InventoryRejected(
                StreamRecords.ORDER_ID, "out of stock", List.of("SKU-001", "SKU-002")));
  }

  @Test
  void detect_paidToFulfilled_orderFulfilledOnly() {
    Map<String, AttributeValue> paid = changed(placed(), "status", "PAID", "paymentId", "pay_1");
    Map<String, AttributeValue> reserved = changed(paid, "inventory", "RESERVED");
    Map<String, AttributeValue> fulfilled = changed(reserved, "status", "FULFILLED");

    List<DomainEvent<?>> events = detector.detect(modify("ev-7", reserved, fulfilled));

    assertThat(events).extracting(DomainEvent::detailType).containsExactly("OrderFulfilled");
  }

  @Test
  void detect_oldImageSkipsAStep_emitsOnlyWhatTheTwoImagesShow() {
    Map<String, AttributeValue> fulfilled =
        changed(placed(), "status", "FULFILLED", "paymentId", "pay_1");

    assertThat(detector.detect(modify("ev-8", placed(), fulfilled)))
        .extracting(DomainEvent::detailType)
        .containsExactly("OrderFulfilled");
  }

  @Test
  void detect_sameRecordTwice_sameEventsAndIds() {
    Map<String, AttributeValue> paid = changed(placed(), "status", "PAID", "paymentId", "pay_1");

    assertThat(detector.detect(modify("ev-9", placed(), paid)))
        .isEqualTo(detector.detect(modify("ev-9", placed(), paid)));
  }

  @Test
  void detect_noStatusOrInventoryChange_nothing() {
    Map<String, AttributeValue> touched = changed(placed(), "customerId", "c-2");

    assertThat(detector.detect(modify("ev-10", placed(), touched))).isEmpty();
  }

  @Test
  void detect_remove_nothing() {
    assertThat(detector.detect(remove("ev-11", placed()))).isEmpty();
  }

  @Test
  void detect_modifyBackToPlaced_nothing() {
    Map<String, AttributeValue> paid = changed(placed(), "status", "PAID", "paymentId", "pay_1");

    assertThat(detector.detect(modify("ev-12", paid, changed(paid, "status", "PLACED")))).isEmpty();
  }

  @Test
  void detect_paidWithoutPaymentId_malformedNamingTheRecordAndField() {
    Map<String, AttributeValue> paid = changed(placed(), "status", "PAID");

    assertThatThrownBy(() -> detector.detect(modify("ev-13", placed(), paid)))
        .isInstanceOf(MalformedOrderImageException.class)
        .hasMessageContaining("ev-13")
        .hasMessageContaining("paymentId");
  }

  @Test
  void detect_imageWithoutCorrelationId_malformed() {
    Map<String, AttributeValue> image = placed();
    image.remove("correlationId");

    assertThatThrownBy(() -> detector.detect(insert("ev-14", image)))
        .isInstanceOf(MalformedOrderImageException.class)
        .hasMessageContaining("correlationId");
  }

  private List<Object> data(
      com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord record) {
    return detector.detect(record).stream().<Object>map(DomainEvent::data).toList();
  }
}
