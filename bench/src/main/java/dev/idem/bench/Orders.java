package dev.idem.bench;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** The benchmarked handler's business: it records an order with one write to the orders table. */
final class Orders {

  /** The handler's payload. */
  record Order(String orderId, long amountCents, String currency) {}

  /** The handler's response. */
  record Receipt(String orderId, String status) {}

  static final String TABLE = "bench_orders";

  private Orders() {}

  /** The order of invocation {@code sequence}. */
  static Order order(long sequence) {
    return new Order("order-" + sequence, 1_000 + sequence % 9_000, "EUR");
  }

  static Receipt receipt(Order order) {
    return new Receipt(order.orderId(), "PLACED");
  }

  /** The handler's effect as a PutItem. */
  static PutItemRequest putRequest(Order order) {
    return PutItemRequest.builder().tableName(TABLE).item(item(order)).build();
  }

  /** The handler's effect as a transaction's put. */
  static Put put(Order order) {
    return Put.builder().tableName(TABLE).item(item(order)).build();
  }

  private static Map<String, AttributeValue> item(Order order) {
    return Map.of(
        "pk", AttributeValue.fromS(order.orderId()),
        "amount_cents", AttributeValue.fromN(Long.toString(order.amountCents())),
        "currency", AttributeValue.fromS(order.currency()),
        "status", AttributeValue.fromS("PLACED"));
  }
}
