package dev.idem.functions.orders;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.idem.functions.common.EmfMetrics;
import dev.idem.functions.common.Json;
import dev.idem.functions.common.JsonLog;
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

/** Services over the reference tables, requests built from the sample events, and checks. */
final class OrderFixtures {

  static final String SAMPLES = "../events/samples/";
  static final String BODY =
      "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"lines\":"
          + "[{\"sku\":\"SKU-001\",\"quantity\":2},{\"sku\":\"SKU-002\",\"quantity\":1}]}";

  /** 2 x SKU-001 at 24.90 + 1 x SKU-002 at 59.00, from seed/catalog.json. */
  static final long BODY_TOTAL = 2 * 2490 + 5900;

  private OrderFixtures() {}

  /**
   * A place-order service as one container would build it, without a completed-record cache so
   * every duplicate reaches DynamoDB.
   */
  static PlaceOrderService placeOrder(
      ReferenceTables tables, DynamoDbClient dynamo, Clock clock, ByteArrayOutputStream logs) {
    Idempotency idempotency =
        Idempotency.builder()
            .store(
                DynamoDbIdempotencyStore.builder()
                    .client(dynamo)
                    .tableName(tables.idempotency())
                    .build())
            .keyPrefix(PlaceOrderService.KEY_PREFIX)
            .clock(clock)
            .cacheSize(0)
            .listener(IdempotencyListener.NONE)
            .build();
    PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
    return new PlaceOrderService(
        idempotency,
        new Catalog(dynamo, tables.catalog()),
        new OrderTable(dynamo, tables.orders()),
        clock,
        UUID::randomUUID,
        new JsonLog("orders", out, clock, Json.mapper()),
        new EmfMetrics("orders", out, clock));
  }

  /** The sample POST /orders with {@code key} (none when null) and {@code body}. */
  static APIGatewayProxyRequestEvent post(String key, String body) {
    APIGatewayProxyRequestEvent request =
        EventLoader.loadApiGatewayRestEvent(SAMPLES + "place-order.json");
    Map<String, String> headers = new HashMap<>(request.getHeaders());
    headers.remove("Idempotency-Key");
    if (key != null) {
      headers.put("Idempotency-Key", key);
    }
    request.setHeaders(headers);
    request.setMultiValueHeaders(null);
    request.getRequestContext().setRequestId(UUID.randomUUID().toString());
    return request.withBody(body);
  }

  /** How many idempotency records the tables hold. */
  static int idempotencyRecords(ReferenceTables tables) {
    return tables.dynamo().scan(r -> r.tableName(tables.idempotency()).select("COUNT")).count();
  }

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
