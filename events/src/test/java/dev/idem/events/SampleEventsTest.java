package dev.idem.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sample Lambda events in {@code events/samples/} load as Lambda would deliver them, agree with
 * the design and with each other: one order, placed then paid, its events derived from the stream
 * records.
 */
class SampleEventsTest {

  private static final String ORDER_ID = "5f1c2b9e-3a47-4d8e-9b21-7c6e0d4a8f13";
  private static final String REQUEST_ID = "3d8a6f0e-1c2b-4e5f-8a9b-0c1d2e3f4a5b";

  @Test
  void placeOrder_isPostOrdersWithIdempotencyKeyAndJsonBody() {
    APIGatewayProxyRequestEvent event =
        EventLoader.loadApiGatewayRestEvent("samples/place-order.json");

    assertThat(event.getHttpMethod()).isEqualTo("POST");
    assertThat(event.getResource()).isEqualTo("/orders");
    assertThat(event.getHeaders()).containsKey("Idempotency-Key");
    assertThat(event.getRequestContext().getRequestId()).isEqualTo(REQUEST_ID);
    assertThat(event.getBody())
        .isEqualTo(
            "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":"
                + "[{\"sku\":\"SKU-001\",\"quantity\":2},{\"sku\":\"SKU-002\",\"quantity\":1}]}");
  }

  @Test
  void getOrder_isGetOrderByIdWithPathParameter() {
    APIGatewayProxyRequestEvent event =
        EventLoader.loadApiGatewayRestEvent("samples/get-order.json");

    assertThat(event.getHttpMethod()).isEqualTo("GET");
    assertThat(event.getResource()).isEqualTo("/orders/{orderId}");
    assertThat(event.getPath()).isEqualTo("/orders/" + ORDER_ID);
    assertThat(event.getPathParameters()).containsExactly(Map.entry("orderId", ORDER_ID));
  }

  @Test
  void orderEventsRelay_insertsPlacedThenModifiesToPaid() {
    DynamodbEvent event = EventLoader.loadDynamoDbEvent("samples/order-events-relay.json");
    var insert = event.getRecords().get(0);
    var modify = event.getRecords().get(1);

    assertThat(insert.getEventName()).isEqualTo("INSERT");
    assertThat(insert.getEventSourceARN()).contains(":table/Orders/stream/");
    assertThat(insert.getDynamodb().getSequenceNumber()).isNotBlank();
    assertThat(insert.getDynamodb().getOldImage()).isNull();
    assertThat(insert.getDynamodb().getNewImage().get("status").getS()).isEqualTo("PLACED");
    assertThat(modify.getEventName()).isEqualTo("MODIFY");
    assertThat(modify.getDynamodb().getOldImage().get("status").getS()).isEqualTo("PLACED");
    assertThat(modify.getDynamodb().getNewImage().get("status").getS()).isEqualTo("PAID");
    assertThat(modify.getDynamodb().getNewImage().get("version").getN()).isEqualTo("2");
  }

  @Test
  void orderEventsRelay_imagesHoldTheDesignedAttributes() {
    Map<String, AttributeValue> paid =
        EventLoader.loadDynamoDbEvent("samples/order-events-relay.json")
            .getRecords()
            .get(1)
            .getDynamodb()
            .getNewImage();

    assertThat(paid)
        .containsKeys(
            "orderId",
            "customerId",
            "currency",
            "total",
            "lines",
            "status",
            "inventory",
            "paymentId",
            "correlationId",
            "causationId",
            "createdAt",
            "updatedAt",
            "version");
    assertThat(paid.get("lines").getL().get(0).getM())
        .containsOnlyKeys("sku", "quantity", "unitPrice", "lineTotal");
    assertThat(paid.get("correlationId").getS()).isEqualTo(REQUEST_ID);
  }

  @ParameterizedTest
  @CsvSource({
    "capture-payment.json, idem-payments, OrderPlaced",
    "reserve-inventory.json, idem-inventory, OrderPlaced",
    "notify-customer.json, idem-notifications, PaymentCaptured"
  })
  void sqsSample_bodyIsAValidEventFromTheRightQueue(String file, String queue, String detailType) {
    SQSEvent.SQSMessage message = EventLoader.loadSQSEvent("samples/" + file).getRecords().get(0);

    DomainEvent<OrderEventData> event = EventJson.readEventBridgeEvent(message.getBody());

    assertThat(message.getEventSourceArn()).endsWith(":" + queue);
    assertThat(message.getMd5OfBody()).isEqualTo(md5(message.getBody()));
    assertThat(event.detailType()).isEqualTo(detailType);
    assertThat(event.data().orderId()).isEqualTo(ORDER_ID);
    assertThat(event.metadata().correlationId()).isEqualTo(REQUEST_ID);
    assertThat(SchemaValidator.problems(event.type(), EventJson.detail(event))).isEmpty();
  }

  @Test
  void sqsSamples_eventIdsAreDerivedFromTheStreamRecordsAsTheRelayWould() {
    var records = EventLoader.loadDynamoDbEvent("samples/order-events-relay.json").getRecords();
    DomainEvent<OrderPlaced> placed = sqsEvent("capture-payment.json", OrderPlaced.class);
    DomainEvent<PaymentCaptured> captured = sqsEvent("notify-customer.json", PaymentCaptured.class);

    assertThat(placed.metadata().eventId())
        .isEqualTo(EventIds.fromStreamRecord(records.get(0).getEventID(), EventType.ORDER_PLACED));
    assertThat(captured.metadata().eventId())
        .isEqualTo(
            EventIds.fromStreamRecord(records.get(1).getEventID(), EventType.PAYMENT_CAPTURED));
    assertThat(records.get(1).getDynamodb().getNewImage().get("causationId").getS())
        .isEqualTo(placed.metadata().eventId())
        .isEqualTo(captured.metadata().causationId());
  }

  @Test
  void sqsSamples_dataMatchesTheOrderItem() {
    Map<String, AttributeValue> paid =
        EventLoader.loadDynamoDbEvent("samples/order-events-relay.json")
            .getRecords()
            .get(1)
            .getDynamodb()
            .getNewImage();
    OrderPlaced placed = sqsEvent("reserve-inventory.json", OrderPlaced.class).data();
    PaymentCaptured captured = sqsEvent("notify-customer.json", PaymentCaptured.class).data();

    assertThat(placed.total()).isEqualTo(Long.parseLong(paid.get("total").getN()));
    assertThat(placed.lines()).hasSize(paid.get("lines").getL().size());
    assertThat(captured.amount()).isEqualTo(placed.total());
    assertThat(captured.paymentId()).isEqualTo(paid.get("paymentId").getS());
  }

  private static <D extends OrderEventData> DomainEvent<D> sqsEvent(String file, Class<D> type) {
    SQSEvent event = EventLoader.loadSQSEvent("samples/" + file);
    return EventJson.readEventBridgeEvent(event.getRecords().get(0).getBody(), type);
  }

  private static String md5(String body) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
