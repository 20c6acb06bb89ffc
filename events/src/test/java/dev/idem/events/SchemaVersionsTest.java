package dev.idem.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Events written by older and newer producers still read. */
class SchemaVersionsTest {

  /** Before versioning: no schemaVersion, no correlation or causation id. */
  static final String VERSION_0 =
      """
      {"metadata":{"eventId":"evt-0","occurredAt":"2025-01-02T03:04:05Z"},\
      "data":{"orderId":"o-1","paymentId":"pay_1","amount":100,"currency":"EUR"}}\
      """;

  /** A newer producer: fields this code does not know, in metadata and data. */
  static final String VERSION_2 =
      """
      {"metadata":{"eventId":"evt-2","correlationId":"req-2","causationId":"evt-1",\
      "occurredAt":"2027-01-02T03:04:05.123456789Z","schemaVersion":2,"tenant":"t-9"},\
      "data":{"orderId":"o-1","paymentId":"pay_1","amount":100,"currency":"EUR",\
      "method":{"type":"card","last4":"4242"}},"trace":"abc"}\
      """;

  @Test
  void readDetail_version0WithoutVersionAndIds_readsAsVersion0() {
    DomainEvent<OrderEventData> event = EventJson.readDetail("PaymentCaptured", VERSION_0);

    assertThat(event.metadata().schemaVersion()).isZero();
    assertThat(event.metadata().correlationId()).isNull();
    assertThat(event.metadata().causationId()).isNull();
    assertThat(event.data()).isEqualTo(new PaymentCaptured("o-1", "pay_1", 100, "EUR"));
  }

  @Test
  void readDetail_newerVersionWithUnknownFields_readsKnownFields() {
    DomainEvent<OrderEventData> event = EventJson.readDetail("PaymentCaptured", VERSION_2);

    assertThat(event.metadata().schemaVersion()).isEqualTo(2);
    assertThat(event.metadata().causationId()).isEqualTo("evt-1");
    assertThat(event.metadata().occurredAt().getNano()).isEqualTo(123456789);
    assertThat(event.data()).isEqualTo(new PaymentCaptured("o-1", "pay_1", 100, "EUR"));
  }

  @Test
  void schemas_version0AndNewerVersion_bothValidate() {
    assertThat(SchemaValidator.problems(EventType.PAYMENT_CAPTURED, VERSION_0)).isEmpty();
    assertThat(SchemaValidator.problems(EventType.PAYMENT_CAPTURED, VERSION_2)).isEmpty();
  }

  @Test
  void readDetail_version1WithoutCorrelationId_fails() {
    String detail = VERSION_0.replace("\"occurredAt\"", "\"schemaVersion\":1,\"occurredAt\"");

    assertThatThrownBy(() -> EventJson.readDetail("PaymentCaptured", detail))
        .isInstanceOf(EventFormatException.class)
        .hasMessageContaining("correlationId is required");
  }

  @Test
  void schema_version1WithoutCorrelationId_reportsTheMissingProperty() {
    String detail = VERSION_0.replace("\"occurredAt\"", "\"schemaVersion\":1,\"occurredAt\"");

    assertThat(SchemaValidator.problems(EventType.PAYMENT_CAPTURED, detail))
        .anySatisfy(p -> assertThat(p).contains("/metadata").contains("correlationId"));
  }
}
