package dev.idem.local.relay;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.events.publish.EventBridgePublisher;
import dev.idem.events.publish.RetryPolicy;
import dev.idem.functions.common.EmfMetrics;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.JsonLog;
import dev.idem.functions.orders.Catalog;
import dev.idem.functions.orders.OrderItems;
import dev.idem.functions.orders.OrderTable;
import dev.idem.functions.orders.PlaceOrderService;
import dev.idem.functions.relay.OrderEventsRelayHandler;
import dev.idem.functions.relay.OrderEventsRelayService;
import dev.idem.functions.testkit.ReferenceTables;
import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.dynamodb.DynamoDbIdempotencyStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A relay and a place-order service over the reference tables, and order changes as consumers make
 * them.
 */
final class RelayFixtures {

  static final String BUS = EventBridgeRecorder.BUS;

  private final ReferenceTables tables;
  private final Clock clock;
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private final PlaceOrderService placeOrder;

  RelayFixtures(ReferenceTables tables, Clock clock) {
    this.tables = tables;
    this.clock = clock;
    DynamoDbClient dynamo = tables.dynamo();
    this.placeOrder =
        new PlaceOrderService(
            idempotency(PlaceOrderService.KEY_PREFIX),
            new Catalog(dynamo, tables.catalog()),
            new OrderTable(dynamo, tables.orders()),
            clock,
            UUID::randomUUID,
            log(),
            metrics());
  }

  /** A relay container publishing through {@code bus}, retrying without waiting. */
  OrderEventsRelayHandler relay(EventBridgeRecorder bus) {
    EventBridgePublisher publisher =
        new EventBridgePublisher(bus.client(), RetryPolicy.defaults().sleeper(duration -> {}));
    return new OrderEventsRelayHandler(
        new OrderEventsRelayService(
            idempotency(OrderEventsRelayService.KEY_PREFIX), publisher, BUS, log(), metrics()));
  }

  /** Places an order through the real PlaceOrder service; returns its id. */
  String placeOrder(String correlationId) {
    APIGatewayProxyRequestEvent request =
        EventLoader.loadApiGatewayRestEvent("../events/samples/place-order.json");
    Map<String, String> headers = new HashMap<>(request.getHeaders());
    headers.put("Idempotency-Key", UUID.randomUUID().toString());
    headers.put("X-Correlation-Id", correlationId);
    request.setHeaders(headers);
    request.setMultiValueHeaders(null);
    APIGatewayProxyResponseEvent response = placeOrder.place(request, null);
    if (response.getStatusCode() != 201) {
      throw new IllegalStateException("Order not placed: " + response.getBody());
    }
    return json(response.getBody()).get("orderId").asText();
  }

  /** Sets attributes of an order as a consumer's conditional update would, bumping its version. */
  void update(String orderId, String cause, Map<String, AttributeValue> attributes) {
    StringBuilder set =
        new StringBuilder("SET #v = #v + :one, causationId = :cause, updatedAt = :at");
    Map<String, String> names = new HashMap<>(Map.of("#v", OrderItems.VERSION));
    Map<String, AttributeValue> values =
        new HashMap<>(
            Map.of(
                ":one", AttributeValue.fromN("1"),
                ":cause", AttributeValue.fromS(cause),
                ":at", AttributeValue.fromS(clock.instant().toString())));
    attributes.forEach((name, value) -> {
      set.append(", #").append(name).append(" = :").append(name);
      names.put("#" + name, name);
      values.put(":" + name, value);
    });
    tables
        .dynamo()
        .updateItem(r ->
            r.tableName(tables.orders())
                .key(OrderItems.key(orderId))
                .updateExpression(set.toString())
                .conditionExpression("attribute_exists(orderId)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
  }

  /** Everything the relay and the place-order service logged. */
  String logs() {
    return logs.toString(StandardCharsets.UTF_8);
  }

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Idempotency idempotency(String keyPrefix) {
    return Idempotency.builder()
        .store(
            DynamoDbIdempotencyStore.builder()
                .client(tables.dynamo())
                .tableName(tables.idempotency())
                .build())
        .keyPrefix(keyPrefix)
        .clock(clock)
        .cacheSize(0)
        .listener(IdempotencyListener.NONE)
        .build();
  }

  private JsonLog log() {
    return new JsonLog(
        "relay", new PrintStream(logs, true, StandardCharsets.UTF_8), clock, Json.mapper());
  }

  private EmfMetrics metrics() {
    return new EmfMetrics("relay", new PrintStream(logs, true, StandardCharsets.UTF_8), clock);
  }
}
