package dev.idem.functions.orders;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;

/** The Orders table: new orders as transaction writes, and consistent reads. Thread-safe. */
public final class OrderTable {

  private final DynamoDbClient dynamo;
  private final String table;

  /** The orders in {@code table}. */
  public OrderTable(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** The write of a new order; its condition fails if an order with the same id exists. */
  public Put putNew(Order order) {
    return Put.builder()
        .tableName(table)
        .item(OrderItems.toItem(order))
        .conditionExpression("attribute_not_exists(#id)")
        .expressionAttributeNames(Map.of("#id", OrderItems.ORDER_ID))
        .build();
  }

  /**
   * The order, read with strong consistency, if it exists.
   *
   * @throws IllegalArgumentException if the stored item is not a valid order
   * @throws software.amazon.awssdk.core.exception.SdkException if the read fails after retries
   */
  public Optional<Order> find(String orderId) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(r -> r.tableName(table).key(OrderItems.key(orderId)).consistentRead(true))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(OrderItems.fromItem(item));
  }
}
