package dev.idem.functions.inventory;

import dev.idem.events.OrderPlaced;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** The Inventory table: {@code available} units per SKU. Thread-safe. */
final class InventoryStore {

  private final DynamoDbClient dynamo;
  private final String table;

  InventoryStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * The quantity per SKU of an order's lines, in order of first appearance; lines of the same SKU
   * add up, because one transaction may write an item only once.
   */
  static Map<String, Integer> quantities(List<OrderPlaced.Line> lines) {
    Map<String, Integer> quantities = new LinkedHashMap<>();
    lines.forEach(line -> quantities.merge(line.sku(), line.quantity(), Math::addExact));
    return quantities;
  }

  /** Takes {@code quantity} units of {@code sku}, only if that many are available. */
  Update decrement(String sku, int quantity) {
    return Update.builder()
        .tableName(table)
        .key(Map.of("sku", AttributeValue.fromS(sku)))
        .updateExpression("SET #available = #available - :quantity")
        .conditionExpression("#available >= :quantity")
        .expressionAttributeNames(Map.of("#available", "available"))
        .expressionAttributeValues(
            Map.of(":quantity", AttributeValue.fromN(Integer.toString(quantity))))
        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
        .build();
  }

  /** The units of {@code sku} available now (a strongly consistent read); 0 for an unknown SKU. */
  long available(String sku) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(r ->
                r.tableName(table)
                    .key(Map.of("sku", AttributeValue.fromS(sku)))
                    .consistentRead(true))
            .item();
    AttributeValue available = item == null ? null : item.get("available");
    return available == null ? 0 : Long.parseLong(available.n());
  }
}
