package dev.idem.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event records and the envelope refuse what no consumer could handle. */
class EventTypesTest {

  @Test
  void ofDetailType_everyType_findsItself() {
    for (EventType type : EventType.values()) {
      assertThat(EventType.ofDetailType(type.detailType())).contains(type);
    }
    assertThat(EventType.ofDetailType("OrderShipped")).isEmpty();
  }

  @Test
  void type_ofEachData_hasTheDesignedSource() {
    assertThat(TestEvents.oneDataOfEach())
        .extracting(d -> d.type().detailType() + "@" + d.type().source())
        .containsExactly(
            "OrderPlaced@idem.orders",
            "PaymentCaptured@idem.payments",
            "PaymentFailed@idem.payments",
            "InventoryReserved@idem.inventory",
            "InventoryRejected@idem.inventory",
            "OrderFulfilled@idem.orders",
            "OrderCancelled@idem.orders");
  }

  @Test
  void domainEvent_sourceNotTheTypes_fails() {
    assertThatThrownBy(() ->
            new DomainEvent<>(
                "idem.payments",
                "OrderFulfilled",
                TestEvents.metadata("e"),
                new OrderFulfilled("o-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source idem.orders");
  }

  @Test
  void orderPlaced_lowercaseCurrency_fails() {
    assertThatThrownBy(
            () -> new OrderPlaced("o", "c", "eur", 1, List.of(new OrderPlaced.Line("s", 1, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO-4217");
  }

  @Test
  void paymentCaptured_negativeAmount_fails() {
    assertThatThrownBy(() -> new PaymentCaptured("o", "p", -1, "EUR"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amount must be zero or more");
  }

  @Test
  void inventoryReserved_noLines_fails() {
    assertThatThrownBy(() -> new InventoryReserved("o", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lines needs at least one element");
  }

  @Test
  void orderPlaced_linesList_isACopy() {
    List<OrderPlaced.Line> lines = new ArrayList<>();
    lines.add(new OrderPlaced.Line("s", 1, 1));
    OrderPlaced placed = new OrderPlaced("o", "c", "EUR", 1, lines);

    lines.clear();

    assertThat(placed.lines()).hasSize(1);
  }

  @Test
  void metadata_version1WithoutCausation_failsButVersion0Reads() {
    Instant at = Instant.parse("2026-11-26T10:00:00Z");

    assertThatThrownBy(() -> EventMetadata.of("e", "req", null, at))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("causationId is required");
    assertThat(new EventMetadata("e", null, null, at, 0).schemaVersion()).isZero();
  }
}
