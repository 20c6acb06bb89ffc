package dev.idem.functions.orders;

import static dev.idem.functions.orders.OrderFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.JsonLog;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The sample events in events/samples/ through the handlers, as the local cloud will send them. */
@ExtendWith(DynamoDbLocalExtension.class)
class OrderSamplesIT {

  private static final String SAMPLE_ORDER_ID = "5f1c2b9e-3a47-4d8e-9b21-7c6e0d4a8f13";
  private static ReferenceTables tables;
  private static PlaceOrderHandler place;
  private static GetOrderHandler get;

  @BeforeAll
  static void createTables(DynamoDbClient dynamo) {
    tables = ReferenceTables.create(dynamo);
    TestClock clock = TestClock.atCurrentSecond();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    place = new PlaceOrderHandler(OrderFixtures.placeOrder(tables, dynamo, clock, logs));
    JsonLog log =
        new JsonLog(
            "orders", new PrintStream(logs, true, StandardCharsets.UTF_8), clock, Json.mapper());
    get = new GetOrderHandler(new GetOrderService(new OrderTable(dynamo, tables.orders()), log));
  }

  @AfterAll
  static void dropTables() {
    tables.drop();
  }

  @Test
  void placeOrderSample_sentTwice_placedOnceThenReplayed() {
    APIGatewayProxyRequestEvent sample = sample("place-order.json");

    APIGatewayProxyResponseEvent first = place.handleRequest(sample, null);
    APIGatewayProxyResponseEvent second = place.handleRequest(sample("place-order.json"), null);

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(first.getHeaders())
        .containsEntry("X-Correlation-Id", sample.getRequestContext().getRequestId());
    assertThat(json(first.getBody()).get("total").asLong()).isEqualTo(OrderFixtures.BODY_TOTAL);
    assertThat(second.getBody()).isEqualTo(first.getBody());
    assertThat(second.getHeaders()).containsEntry("Idempotent-Replayed", "true");
  }

  @Test
  void getOrderSample_orderOfTheSample_200() {
    tables
        .dynamo()
        .putItem(r -> r.tableName(tables.orders()).item(OrderItems.toItem(sampleOrder())));

    APIGatewayProxyResponseEvent response = get.handleRequest(sample("get-order.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response.getBody()).get("orderId").asText()).isEqualTo(SAMPLE_ORDER_ID);
    assertThat(json(response.getBody()).get("total").asLong()).isEqualTo(7499);
  }

  private static Order sampleOrder() {
    Instant at = Instant.parse("2026-11-26T10:00:00Z");
    return Order.placed(
        SAMPLE_ORDER_ID,
        "c-1",
        "EUR",
        new PricedLines(
            List.of(
                new OrderLine("SKU-001", 2, 1250, 2500), new OrderLine("SKU-002", 1, 4999, 4999)),
            7499),
        "3d8a6f0e-1c2b-4e5f-8a9b-0c1d2e3f4a5b",
        "3d8a6f0e-1c2b-4e5f-8a9b-0c1d2e3f4a5b",
        at);
  }

  private static APIGatewayProxyRequestEvent sample(String name) {
    return EventLoader.loadApiGatewayRestEvent(OrderFixtures.SAMPLES + name);
  }
}
