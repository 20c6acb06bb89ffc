package dev.idem.functions.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idem.testing.IdempotencyTables;
import dev.idem.testing.LocalAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The reference system's four tables, created with a unique suffix per test class on DynamoDB
 * Local, and the catalog and inventory seeded from {@code seed/catalog.json}. Delete them with
 * {@link #drop()} when the class is done.
 *
 * @param dynamo the client that created them
 * @param orders Orders (key orderId, stream NEW_AND_OLD_IMAGES)
 * @param catalog Catalog (key sku)
 * @param inventory Inventory (key sku)
 * @param idempotency the idempotency table (library layout)
 */
public record ReferenceTables(
    DynamoDbClient dynamo, String orders, String catalog, String inventory, String idempotency) {

  /** The seed file, relative to the functions module (where Maven runs its tests). */
  public static final Path SEED = Path.of("..", "seed", "catalog.json");

  /** Creates the four tables and seeds catalog and inventory. */
  public static ReferenceTables create(DynamoDbClient dynamo) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    ReferenceTables tables =
        new ReferenceTables(
            dynamo,
            "orders-" + suffix,
            "catalog-" + suffix,
            "inventory-" + suffix,
            "idem-" + suffix);
    tables.createKeyed(tables.orders, "orderId", true);
    tables.createKeyed(tables.catalog, "sku", false);
    tables.createKeyed(tables.inventory, "sku", false);
    IdempotencyTables.create(dynamo, tables.idempotency);
    tables.seed();
    return tables;
  }

  /** The environment a function needs to use these tables (table names only). */
  public Map<String, String> environment() {
    return Map.of(
        "ORDERS_TABLE", orders,
        "CATALOG_TABLE", catalog,
        "INVENTORY_TABLE", inventory,
        "IDEMPOTENCY_TABLE", idempotency);
  }

  /**
   * The environment a function needs to use these tables as Lambda builds it: the table names, the
   * region, and {@code endpoint} as {@code AWS_ENDPOINT_URL}.
   */
  public Map<String, String> environment(URI endpoint) {
    Map<String, String> environment = new HashMap<>(environment());
    environment.put("AWS_ENDPOINT_URL", endpoint.toString());
    environment.put("AWS_REGION", LocalAccount.REGION);
    return Map.copyOf(environment);
  }

  /** The stock of a SKU now. */
  public long stock(String sku) {
    return Long.parseLong(
        dynamo
            .getItem(r ->
                r.tableName(inventory)
                    .key(Map.of("sku", AttributeValue.fromS(sku)))
                    .consistentRead(true))
            .item()
            .get("available")
            .n());
  }

  /** The order item, or an empty map. */
  public Map<String, AttributeValue> order(String orderId) {
    return dynamo
        .getItem(r ->
            r.tableName(orders)
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true))
        .item();
  }

  /** How many orders the Orders table holds. */
  public int orderCount() {
    return dynamo.scan(r -> r.tableName(orders).select("COUNT")).count();
  }

  /** Deletes the four tables. */
  public void drop() {
    for (String table : List.of(orders, catalog, inventory, idempotency)) {
      dynamo.deleteTable(r -> r.tableName(table));
    }
  }

  private void createKeyed(String table, String key, boolean stream) {
    dynamo.createTable(r -> {
      r.tableName(table)
          .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build())
          .attributeDefinitions(
              AttributeDefinition.builder()
                  .attributeName(key)
                  .attributeType(ScalarAttributeType.S)
                  .build())
          .billingMode(BillingMode.PAY_PER_REQUEST);
      if (stream) {
        r.streamSpecification(
            s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
      }
    });
    dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
  }

  /**
   * Writes the seed file's items: {@code {"tables": {"<LogicalTableId>": [items]}}}, the format the
   * local cloud seeds with; CatalogTable and InventoryTable go to this record's tables.
   */
  private void seed() {
    JsonNode tables = readSeed().get("tables");
    put(catalog, tables.get("CatalogTable"));
    put(inventory, tables.get("InventoryTable"));
  }

  private void put(String table, JsonNode items) {
    for (JsonNode item : items) {
      Map<String, AttributeValue> attributes = new java.util.HashMap<>();
      item.properties()
          .forEach(field ->
              attributes.put(
                  field.getKey(),
                  field.getValue().isNumber()
                      ? AttributeValue.fromN(field.getValue().asText())
                      : AttributeValue.fromS(field.getValue().asText())));
      dynamo.putItem(r -> r.tableName(table).item(attributes));
    }
  }

  private static JsonNode readSeed() {
    try {
      return new ObjectMapper().readTree(SEED.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the seed data at " + SEED.toAbsolutePath(), e);
    }
  }
}
