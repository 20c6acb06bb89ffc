package dev.idem.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class EventJsonTest {

  private static final String PLACED_DETAIL =
      """
      {"metadata":{"eventId":"evt-1","correlationId":"req-1","causationId":"req-1",\
      "occurredAt":"2026-11-26T10:00:00Z","schemaVersion":1},\
      "data":{"orderId":"o-1","customerId":"c-1","currency":"EUR","total":2500,\
      "lines":[{"sku":"SKU-001","quantity":2,"unitPrice":1250}]}}\
      """;

  static List<DomainEvent<OrderEventData>> events() {
    return TestEvents.oneOfEach();
  }

  @Test
  void detail_orderPlaced_writesEnvelopeWithIsoInstantAndMinorUnits() {
    DomainEvent<OrderPlaced> event =
        DomainEvent.of(
            EventMetadata.of("evt-1", "req-1", "req-1", Instant.parse("2026-11-26T10:00:00Z")),
            new OrderPlaced(
                "o-1", "c-1", "EUR", 2500, List.of(new OrderPlaced.Line("SKU-001", 2, 1250))));

    assertThat(EventJson.detail(event)).isEqualTo(PLACED_DETAIL);
  }

  @ParameterizedTest
  @MethodSource("events")
  void toEntry_anyEvent_carriesSourceDetailTypeBusAndTime(DomainEvent<OrderEventData> event) {
    PutEventsRequestEntry entry = EventJson.toEntry(event, "idem-orders");

    assertThat(entry.source()).isEqualTo(event.type().source());
    assertThat(entry.detailType()).isEqualTo(event.type().detailType());
    assertThat(entry.eventBusName()).isEqualTo("idem-orders");
    assertThat(entry.time()).isEqualTo(event.metadata().occurredAt());
    assertThat(entry.detail()).isEqualTo(EventJson.detail(event));
  }

  @ParameterizedTest
  @MethodSource("events")
  void readDetail_writtenEvent_readsBackEqual(DomainEvent<OrderEventData> event) {
    String detail = EventJson.detail(event);

    assertThat(EventJson.readDetail(event.detailType(), detail)).isEqualTo(event);
  }

  @ParameterizedTest
  @MethodSource("events")
  void readEventBridgeEvent_deliveredEvent_readsBackEqual(DomainEvent<OrderEventData> event) {
    String delivered =
        eventBridgeEvent(event.detailType(), event.source(), EventJson.detail(event));

    assertThat(EventJson.readEventBridgeEvent(delivered)).isEqualTo(event);
  }

  @Test
  void readEventBridgeEvent_expectedType_returnsTypedEvent() {
    String delivered = eventBridgeEvent("OrderPlaced", "idem.orders", PLACED_DETAIL);

    DomainEvent<OrderPlaced> event = EventJson.readEventBridgeEvent(delivered, OrderPlaced.class);

    assertThat(event.data().total()).isEqualTo(2500);
    assertThat(event.data().lines()).containsExactly(new OrderPlaced.Line("SKU-001", 2, 1250));
  }

  @Test
  void readEventBridgeEvent_otherType_failsNamingBoth() {
    String delivered = eventBridgeEvent("OrderPlaced", "idem.orders", PLACED_DETAIL);

    assertThatThrownBy(() -> EventJson.readEventBridgeEvent(delivered, PaymentCaptured.class))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("Expected a PaymentCaptured event, got OrderPlaced");
  }

  @Test
  void readEventBridgeEvent_unknownDetailType_failsNamingIt() {
    String delivered = eventBridgeEvent("OrderShipped", "idem.orders", PLACED_DETAIL);

    assertThatThrownBy(() -> EventJson.readEventBridgeEvent(delivered))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("Unknown detail type \"OrderShipped\"");
  }

  @Test
  void readEventBridgeEvent_wrongSource_fails() {
    String delivered = eventBridgeEvent("OrderPlaced", "idem.payments", PLACED_DETAIL);

    assertThatThrownBy(() -> EventJson.readEventBridgeEvent(delivered))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("A OrderPlaced event comes from idem.orders, not idem.payments");
  }

  @Test
  void readEventBridgeEvent_notJson_failsSayingSo() {
    assertThatThrownBy(() -> EventJson.readEventBridgeEvent("{\"detail-type\":"))
        .isInstanceOf(EventFormatException.class)
        .hasMessageStartingWith("The EventBridge event is not valid JSON");
  }

  @Test
  void readEventBridgeEvent_noDetail_fails() {
    String delivered = "{\"detail-type\":\"OrderFulfilled\",\"source\":\"idem.orders\"}";

    assertThatThrownBy(() -> EventJson.readEventBridgeEvent(delivered))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("The EventBridge event has no \"detail\" object");
  }

  @Test
  void readDetail_fractionalAmount_failsInsteadOfRounding() {
    String detail = PLACED_DETAIL.replace("\"total\":2500", "\"total\":25.5");

    assertThatThrownBy(() -> EventJson.readDetail("OrderPlaced", detail))
        .isInstanceOf(EventFormatException.class)
        .hasMessageStartingWith("Invalid OrderPlaced data at /total");
  }

  @Test
  void readDetail_amountAsString_fails() {
    String detail = PLACED_DETAIL.replace("\"total\":2500", "\"total\":\"2500\"");

    assertThatThrownBy(() -> EventJson.readDetail("OrderPlaced", detail))
        .isInstanceOf(EventFormatException.class)
        .hasMessageStartingWith("Invalid OrderPlaced data at /total");
  }

  @Test
  void readDetail_missingAmount_failsInsteadOfReadingZero() {
    String detail = PLACED_DETAIL.replace("\"total\":2500,", "");

    assertThatThrownBy(() -> EventJson.readDetail("OrderPlaced", detail))
        .isInstanceOf(EventFormatException.class)
        .hasMessageStartingWith("Invalid OrderPlaced data at /total");
  }

  @Test
  void readDetail_missingOrderId_failsNamingTheField() {
    String detail = PLACED_DETAIL.replace("\"orderId\":\"o-1\",", "");

    assertThatThrownBy(() -> EventJson.readDetail("OrderPlaced", detail))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("Invalid OrderPlaced data")
        .hasMessageContaining("orderId is required");
  }

  @Test
  void readDetail_noData_fails() {
    String detail = "{\"metadata\":{\"eventId\":\"e\",\"occurredAt\":\"2026-11-26T10:00:00Z\"}}";

    assertThatThrownBy(() -> EventJson.readDetail("OrderFulfilled", detail))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("A OrderFulfilled detail needs \"metadata\" and \"data\" objects");
  }

  static String eventBridgeEvent(String detailType, String source, String detail) {
    return """
    {"version":"0","id":"eb-1","detail-type":"%s","source":"%s","account":"123456789012",\
    "time":"2026-11-26T10:00:00Z","region":"us-east-1","resources":[],"detail":%s}\
    """
        .formatted(detailType, source, detail);
  }
}
