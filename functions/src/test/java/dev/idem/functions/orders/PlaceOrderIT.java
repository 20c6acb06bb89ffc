package dev.idem.functions.orders;

import static dev.idem.functions.orders.OrderFixtures.BODY;
import static dev.idem.functions.orders.OrderFixtures.BODY_TOTAL;
import static dev.idem.functions.orders.OrderFixtures.json;
import static dev.idem.functions.orders.OrderFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /orders against DynamoDB Local: the order and its idempotency record, once. */
@ExtendWith(DynamoDbLocalExtension.class)
class PlaceOrderIT {

  private static final CallCounter CALLS = new CallCounter();
  private static final TestClock CLOCK = TestClock.atCurrentSecond();
  private static DynamoDbClient dynamo;
  private static ReferenceTables tables;

  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private PlaceOrderHandler handler;

  @BeforeAll
  static void createTables(DynamoDbLocal db) {
    dynamo = db.client(CALLS);
    tables = ReferenceTables.create(dynamo);
  }

  @AfterAll
  static void dropTables() {
    tables.drop();
    dynamo.close();
  }

  @BeforeEach
  void newContainer() {
    handler = new PlaceOrderHandler(OrderFixtures.placeOrder(tables, dynamo, CLOCK, logs));
    CALLS.reset();
  }

  @Test
  void handleRequest_validOrder_201WithTheOrderPricedFromTheCatalog() {
    APIGatewayProxyRequestEvent request = post(UUID.randomUUID().toString(), BODY);

    APIGatewayProxyResponseEvent response = handler.handleRequest(request, null);

    JsonNode order = json(response.getBody());
    String orderId = order.get("orderId").asText();
    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getHeaders())
        .containsEntry("Location", "/orders/" + orderId)
        .containsEntry("Content-Type", "application/json")
        .containsEntry("X-Correlation-Id", request.getRequestContext().getRequestId())
        .doesNotContainKey("Idempotent-Replayed");
    assertThat(UUID.fromString(orderId).toString()).isEqualTo(orderId);
    assertThat(order.get("total").asLong()).isEqualTo(BODY_TOTAL);
    assertThat(order.get("status").asText()).isEqualTo("PLACED");
    assertThat(order.get("createdAt").asText()).isEqualTo(CLOCK.instant().toString());
    assertThat(order.get("lines").get(0).get("unitPrice").asLong()).isEqualTo(2490);
    assertThat(order.get("lines").get(0).get("lineTotal").asLong()).isEqualTo(4980);
    assertThat(order.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly(
            "orderId", "customerId", "currency", "total", "lines", "status", "createdAt");
  }

  @Test
  void handleRequest_validOrder_itemAsDesignedAndRecordInOneTransaction() {
    APIGatewayProxyRequestEvent request = post(UUID.randomUUID().toString(), BODY);
    int recordsBefore = OrderFixtures.idempotencyRecords(tables);
    CALLS.reset();

    APIGatewayProxyResponseEvent response = handler.handleRequest(request, null);

    Map<String, Long> calls = CALLS.snapshot();
    String orderId = json(response.getBody()).get("orderId").asText();
    Map<String, AttributeValue> item = tables.order(orderId);
    String requestId = request.getRequestContext().getRequestId();
    assertThat(item.get("status").s()).isEqualTo("PLACED");
    assertThat(item.get("inventory").s()).isEqualTo("PENDING");
    assertThat(item.get("version").n()).isEqualTo("1");
    assertThat(item.get("total").n()).isEqualTo(Long.toString(BODY_TOTAL));
    assertThat(item.get("correlationId").s()).isEqualTo(requestId);
    assertThat(item.get("causationId").s()).isEqualTo(requestId);
    assertThat(item.get("createdAt").s()).isEqualTo(item.get("updatedAt").s());
    assertThat(OrderFixtures.idempotencyRecords(tables)).isEqualTo(recordsBefore + 1);
    assertThat(calls)
        .containsExactly(Map.entry("BatchGetItem", 1L), Map.entry("TransactWriteItems", 1L));
  }

  @Test
  void handleRequest_correlationHeader_storedOnTheOrderAndEchoed() {
    APIGatewayProxyRequestEvent request = post(UUID.randomUUID().toString(), BODY);
    Map<String, String> headers = new HashMap<>(request.getHeaders());
    headers.put("x-correlation-id", "checkout-42");
    request.setHeaders(headers);

    APIGatewayProxyResponseEvent response = handler.handleRequest(request, null);

    String orderId = json(response.getBody()).get("orderId").asText();
    assertThat(response.getHeaders()).containsEntry("X-Correlation-Id", "checkout-42");
    assertThat(tables.order(orderId).get("correlationId").s()).isEqualTo("checkout-42");
    assertThat(tables.order(orderId).get("causationId").s())
        .isEqualTo(request.getRequestContext().getRequestId());
    assertThat(logs.toString(StandardCharsets.UTF_8))
        .contains("\"message\":\"order placed\"")
        .contains("\"correlationId\":\"checkout-42\"");
  }

  @Test
  void handleRequest_sameKeyAndBodyAgainInAnotherContainer_replaysTheResponseAndOneOrder() {
    String key = UUID.randomUUID().toString();
    int ordersBefore = tables.orderCount();
    APIGatewayProxyResponseEvent first = handler.handleRequest(post(key, BODY), null);
    PlaceOrderHandler other =
        new PlaceOrderHandler(OrderFixtures.placeOrder(tables, dynamo, CLOCK, logs));

    APIGatewayProxyResponseEvent replay =
        other.handleRequest(post(key, BODY.replace(",", " , ")), null);

    assertThat(replay.getStatusCode()).isEqualTo(201);
    assertThat(replay.getBody()).isEqualTo(first.getBody());
    assertThat(replay.getHeaders())
        .containsEntry("Location", first.getHeaders().get("Location"))
        .containsEntry("X-Correlation-Id", first.getHeaders().get("X-Correlation-Id"))
        .containsEntry("Idempotent-Replayed", "true");
    assertThat(tables.orderCount()).isEqualTo(ordersBefore + 1);
  }

  @Test
  void handleRequest_sameKeyOtherBody_422AndNothingWritten() {
    String key = UUID.randomUUID().toString();
    handler.handleRequest(post(key, BODY), null);
    int orders = tables.orderCount();
    int records = OrderFixtures.idempotencyRecords(tables);

    APIGatewayProxyResponseEvent response =
        handler.handleRequest(post(key, BODY.replace("\"quantity\":2", "\"quantity\":3")), null);

    assertThat(response.getStatusCode()).isEqualTo(422);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    assertThat(json(response.getBody()).get("type").asText())
        .isEqualTo("urn:idem:problem:idempotency-key-reused");
    assertThat(tables.orderCount()).isEqualTo(orders);
    assertThat(OrderFixtures.idempotencyRecords(tables)).isEqualTo(records);
  }

  @Test
  void handleRequest_refusedThenCorrectedUnderTheSameKey_placesTheCorrectedOrder() {
    String key = UUID.randomUUID().toString();
    APIGatewayProxyResponseEvent refused =
        handler.handleRequest(post(key, BODY.replace("SKU-002", "SKU-999")), null);

    APIGatewayProxyResponseEvent placed = handler.handleRequest(post(key, BODY), null);

    assertThat(refused.getStatusCode()).isEqualTo(422);
    assertThat(placed.getStatusCode()).isEqualTo(201);
    assertThat(placed.getHeaders()).doesNotContainKey("Idempotent-Replayed");
  }

  @Test
  void handleRequest_invalidOrOversizedBody_refusedBeforeAnyDynamoDbCall() {
    String key = UUID.randomUUID().toString();

    APIGatewayProxyResponseEvent unknownField =
        handler.handleRequest(
            post(key, BODY.replace("\"currency\"", "\"x\":1,\"currency\"")), null);
    APIGatewayProxyResponseEvent oversized =
        handler.handleRequest(
            post(key, PlaceOrderRefusalIT.padded(BODY, PlaceOrderService.MAX_BODY_BYTES + 1)),
            null);

    assertThat(unknownField.getStatusCode()).isEqualTo(400);
    assertThat(oversized.getStatusCode()).isEqualTo(413);
    assertThat(CALLS.total()).isZero();
  }

  @Test
  void handleRequest_invalidThenOversizedThenCorrectedUnderTheSameKey_placesTheCorrectedOrder() {
    String key = UUID.randomUUID().toString();
    APIGatewayProxyResponseEvent invalid =
        handler.handleRequest(
            post(key, BODY.replace("\"quantity\":2", "\"quantity\":\"2\"")), null);
    APIGatewayProxyResponseEvent oversized =
        handler.handleRequest(
            post(key, PlaceOrderRefusalIT.padded(BODY, PlaceOrderService.MAX_BODY_BYTES + 1)),
            null);

    APIGatewayProxyResponseEvent placed = handler.handleRequest(post(key, BODY), null);
    APIGatewayProxyResponseEvent replayed = handler.handleRequest(post(key, BODY), null);

    assertThat(invalid.getStatusCode()).isEqualTo(400);
    assertThat(oversized.getStatusCode()).isEqualTo(413);
    assertThat(placed.getStatusCode()).isEqualTo(201);
    assertThat(placed.getHeaders()).doesNotContainKey("Idempotent-Replayed");
    assertThat(replayed.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(replayed.getBody()).isEqualTo(placed.getBody());
  }

  @Test
  void handleRequest_invalidBodyUnderAKeyAlreadyUsed_400AndTheOrderStillReplays() {
    String key = UUID.randomUUID().toString();
    APIGatewayProxyResponseEvent placed = handler.handleRequest(post(key, BODY), null);
    int orders = tables.orderCount();

    APIGatewayProxyResponseEvent invalid =
        handler.handleRequest(post(key, BODY.replace("\"c-1\"", "\"c-1\",\"x\":1")), null);
    APIGatewayProxyResponseEvent replayed = handler.handleRequest(post(key, BODY), null);

    assertThat(invalid.getStatusCode()).isEqualTo(400);
    assertThat(replayed.getHeaders()).containsEntry("Idempotent-Replayed", "true");
    assertThat(replayed.getBody()).isEqualTo(placed.getBody());
    assertThat(tables.orderCount()).isEqualTo(orders);
  }

  @Test
  void handleRequest_bodyOfExactlyTheLimitPlainOrBase64_placed() {
    String body = PlaceOrderRefusalIT.padded(BODY, PlaceOrderService.MAX_BODY_BYTES);
    APIGatewayProxyRequestEvent base64 =
        post(UUID.randomUUID().toString(), PlaceOrderRefusalIT.base64(body))
            .withIsBase64Encoded(true);

    APIGatewayProxyResponseEvent plain =
        handler.handleRequest(post(UUID.randomUUID().toString(), body), null);
    APIGatewayProxyResponseEvent encoded = handler.handleRequest(base64, null);

    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(PlaceOrderService.MAX_BODY_BYTES);
    assertThat(plain.getStatusCode()).isEqualTo(201);
    assertThat(encoded.getStatusCode()).isEqualTo(201);
  }
}
