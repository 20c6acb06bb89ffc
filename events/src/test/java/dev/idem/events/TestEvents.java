package dev.idem.events;

import java.time.Instant;
import java.util.List;

/** One event of every type, as the relay would produce them for one order. */
final class TestEvents {

  static final String ORDER_ID = "5f1c2b9e-3a47-4d8e-9b21-7c6e0d4a8f13";
  static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

  private TestEvents() {}

  static EventMetadata metadata(String eventId) {
    return EventMetadata.of(eventId, "req-1", "cause-" + eventId, AT);
  }

  static OrderPlaced orderPlaced() {
    return new OrderPlaced(
        ORDER_ID,
        "c-1",
        "EUR",
        7499,
        List.of(
            new OrderPlaced.Line("SKU-001", 2, 1250), new OrderPlaced.Line("SKU-002", 1, 4999)));
  }

  static List<OrderEventData> oneDataOfEach() {
    return List.of(
        orderPlaced(),
        new PaymentCaptured(ORDER_ID, "pay_1", 7499, "EUR"),
        new PaymentFailed(ORDER_ID, "card_declined"),
        new InventoryReserved(ORDER_ID, List.of(new InventoryReserved.Line("SKU-001", 2))),
        new InventoryRejected(ORDER_ID, "out of stock", List.of("SKU-002")),
        new OrderFulfilled(ORDER_ID),
        new OrderCancelled(ORDER_ID, "out of stock"));
  }

  static List<DomainEvent<OrderEventData>> oneOfEach() {
    return oneDataOfEach().stream()
        .map(data -> DomainEvent.of(metadata("evt-" + data.type().detailType()), data))
        .toList();
  }
}
