package dev.idem.functions.orders;

import static dev.idem.functions.orders.OrderFixtures.BODY;
import static dev.idem.functions.orders.OrderFixtures.json;
import static dev.idem.functions.orders.OrderFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.JsonLog;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** GET /orders/{orderId} against DynamoDB Local. */
@ExtendWith(DynamoDbLocalExtension.class)
class GetOrderIT {

  private static final TestClock CLOCK = TestClock.atCurrentSecond();
  private static ReferenceTables tables;
  private static PlaceOrderHandler place;
  private static GetOrderHandler get;

  @BeforeAll
  static void createTables(DynamoDbClient dynamo) {
    tables = ReferenceTables.create(dynamo);
    place =
        new PlaceOrderHandler(
            OrderFixtures.placeOrder(tables, dynamo, CLOCK, new ByteArrayOutputStream()));
    JsonLog quiet =
        new JsonLog(
            "orders",
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            CLOCK,
            Json.mapper());
    get = new GetOrderHandler(new GetOrderService(new OrderTable(dynamo, tables.orders()), quiet));
  }

  @AfterAll
  static void dropTables() {
    tables.drop();
  }

  @Test
  void handleRequest_placedOrder_200WithTheFullView() {
    JsonNode placed = placeOne();
    String orderId = placed.get("orderId").asText();

    APIGatewayProxyResponseEvent response = get.handleRequest(get(orderId), null);

    JsonNode order = json(response.getBody());
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(order.get("orderId").asText()).isEqualTo(orderId);
    assertThat(order.get("lines")).isEqualTo(placed.get("lines"));
    assertThat(order.get("total")).isEqualTo(placed.get("total"));
    assertThat(order.get("inventory").asText()).isEqualTo("PENDING");
    assertThat(order.get("updatedAt").asText()).isEqualTo(CLOCK.instant().toString());
    assertThat(order.has("paymentId")).isFalse();
  }

  @Test
  void handleRequest_cancelledPaidOrder_showsPaymentIdAndFailureReason() {
    String orderId = placeOne().get("orderId").asText();
    tables
        .dynamo()
        .updateItem(r ->
            r.tableName(tables.orders())
                .key(OrderItems.key(orderId))
                .updateExpression("SET #s = :cancelled, paymentId = :p, failureReason = :f")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(
                    Map.of(
                        ":cancelled", AttributeValue.fromS("CANCELLED"),
                        ":p", AttributeValue.fromS("pay_1"),
                        ":f", AttributeValue.fromS("out of stock"))));

    JsonNode order = json(get.handleRequest(get(orderId.toUpperCase()), null).getBody());

    assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(order.get("paymentId").asText()).isEqualTo("pay_1");
    assertThat(order.get("failureReason").asText()).isEqualTo("out of stock");
  }

  @Test
  void handleRequest_noSuchOrder_404Problem() {
    APIGatewayProxyResponseEvent response =
        get.handleRequest(get(UUID.randomUUID().toString()), null);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
    assertThat(json(response.getBody()).get("type").asText())
        .isEqualTo("urn:idem:problem:order-not-found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "not-a-uuid", "5f1c2b9e-3a47-4d8e-9b21-7c6e0d4a8f1", "1-1-1-1-1"})
  void handleRequest_idNotAUuid_400Problem(String orderId) {
    APIGatewayProxyResponseEvent response = get.handleRequest(get(orderId), null);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response.getBody()).get("detail").asText()).isEqualTo("orderId must be a UUID");
  }

  @Test
  void handleRequest_noPathParameters_400Problem() {
    APIGatewayProxyRequestEvent request = get("x").withPathParameters(null);

    assertThat(get.handleRequest(request, null).getStatusCode()).isEqualTo(400);
  }

  private static JsonNode placeOne() {
    APIGatewayProxyResponseEvent placed =
        place.handleRequest(post(UUID.randomUUID().toString(), BODY), null);
    assertThat(placed.getStatusCode()).isEqualTo(201);
    return json(placed.getBody());
  }

  private static APIGatewayProxyRequestEvent get(String orderId) {
    APIGatewayProxyRequestEvent request =
        EventLoader.loadApiGatewayRestEvent(OrderFixtures.SAMPLES + "get-order.json");
    return request.withPathParameters(Map.of("orderId", orderId)).withPath("/orders/" + orderId);
  }
}
