package dev.idem.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates idempotency tables in DynamoDB Local, for tests. In AWS, deploy the table with the CDK
 * construct or the SAM template instead.
 *
 * <p>It takes attribute names rather than the library's {@code IdempotencyTableSchema}: the
 * library's own tests use this module, so this module cannot depend on the library. The defaults
 * are those of {@code IdempotencyTableSchema.defaults()} (a test of the library holds them equal).
 *
 * {@snippet :
 * String table = IdempotencyTables.createFresh(dynamo); // a new table of this test's own
 * }
 */
public final class IdempotencyTables {

  /** The partition key of the library's default layout. */
  public static final String DEFAULT_PARTITION_KEY = "id";

  /** The expiry attribute (the table's TTL attribute) of the library's default layout. */
  public static final String DEFAULT_EXPIRATION = "expiration";

  private IdempotencyTables() {}

  /**
   * Creates a table with the library's default layout under a name no other test uses, and returns
   * the name. Tests that share one DynamoDB Local (the extension starts one per run) never meet on
   * it, whatever their classes are called.
   */
  public static String createFresh(DynamoDbClient client) {
    String tableName = "idempotency-" + UUID.randomUUID();
    create(client, tableName);
    return tableName;
  }

  /** Creates a table named {@code tableName} with the library's default layout. */
  public static void create(DynamoDbClient client, String tableName) {
    create(client, tableName, DEFAULT_PARTITION_KEY, null, DEFAULT_EXPIRATION);
  }

  /**
   * Creates an on-demand table with string key attributes, waits until it is active, and turns on
   * TTL on the expiration attribute.
   *
   * @param sortKey the sort key attribute, or null for a table without one
   */
  public static void create(
      DynamoDbClient client,
      String tableName,
      String partitionKey,
      String sortKey,
      String expiration) {
    List<KeySchemaElement> keys = new ArrayList<>();
    List<AttributeDefinition> attributes = new ArrayList<>();
    keys.add(key(partitionKey, KeyType.HASH));
    attributes.add(stringAttribute(partitionKey));
    if (sortKey != null) {
      keys.add(key(sortKey, KeyType.RANGE));
      attributes.add(stringAttribute(sortKey));
    }
    client.createTable(r ->
        r.tableName(tableName)
            .keySchema(keys)
            .attributeDefinitions(attributes)
            .billingMode(BillingMode.PAY_PER_REQUEST));
    client.waiter().waitUntilTableExists(r -> r.tableName(tableName));
    client.updateTimeToLive(r ->
        r.tableName(tableName)
            .timeToLiveSpecification(t -> t.enabled(true).attributeName(expiration)));
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
