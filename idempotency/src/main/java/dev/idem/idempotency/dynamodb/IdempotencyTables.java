package dev.idem.idempotency.dynamodb;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates idempotency tables, for tests and local development. In AWS, deploy the table with the
 * CDK construct or the SAM template instead.
 */
public final class IdempotencyTables {

  private IdempotencyTables() {}

  /**
   * Creates an on-demand table with the schema's key, waits until it is active, and turns on TTL on
   * the expiration attribute.
   */
  public static void create(
      DynamoDbClient client, String tableName, IdempotencyTableSchema schema) {
    List<KeySchemaElement> keys = new ArrayList<>();
    List<AttributeDefinition> attributes = new ArrayList<>();
    keys.add(key(schema.partitionKey(), KeyType.HASH));
    attributes.add(stringAttribute(schema.partitionKey()));
    if (schema.isComposite()) {
      keys.add(key(schema.sortKey(), KeyType.RANGE));
      attributes.add(stringAttribute(schema.sortKey()));
    }
    client.createTable(r ->
        r.tableName(tableName)
            .keySchema(keys)
            .attributeDefinitions(attributes)
            .billingMode(BillingMode.PAY_PER_REQUEST));
    client.waiter().waitUntilTableExists(r -> r.tableName(tableName));
    client.updateTimeToLive(r ->
        r.tableName(tableName)
            .timeToLiveSpecification(t -> t.enabled(true).attributeName(schema.expiration())));
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }
}
