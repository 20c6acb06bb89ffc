package dev.idem.idempotency.stores;

import dev.idem.idempotency.dynamodb.DynamoDbIdempotencyStore;
import dev.idem.idempotency.dynamodb.IdempotencyTableSchema;
import dev.idem.idempotency.testkit.StoreBackend;
import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.IdempotencyTables;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * A DynamoDB store on a table of its own in DynamoDB Local, with every call counted. Create one per
 * test class and {@linkplain #close() close} it after; tests share the table and keep apart by key
 * prefix.
 */
public final class DynamoDbBackend implements StoreBackend, AutoCloseable {

  private final CallCounter counter = new CallCounter();
  private final DynamoDbClient client;
  private final String tableName;
  private final IdempotencyTableSchema schema;
  private final DynamoDbIdempotencyStore store;

  private DynamoDbBackend(DynamoDbLocal db, String tablePrefix, IdempotencyTableSchema schema) {
    this.client = db.client(counter);
    this.tableName = tablePrefix + "-" + UUID.randomUUID();
    this.schema = schema;
    IdempotencyTables.create(
        client, tableName, schema.partitionKey(), schema.sortKey(), schema.expiration());
    this.store =
        DynamoDbIdempotencyStore.builder()
            .client(client)
            .tableName(tableName)
            .schema(schema)
            .build();
  }

  /** Creates a table named after {@code tablePrefix} with the default schema. */
  public static DynamoDbBackend create(DynamoDbLocal db, String tablePrefix) {
    return create(db, tablePrefix, IdempotencyTableSchema.defaults());
  }

  /** Creates a table named after {@code tablePrefix} with {@code schema}. */
  public static DynamoDbBackend create(
      DynamoDbLocal db, String tablePrefix, IdempotencyTableSchema schema) {
    return new DynamoDbBackend(db, tablePrefix, schema);
  }

  @Override
  public DynamoDbIdempotencyStore store() {
    return store;
  }

  /** The client, which counts its calls. */
  public DynamoDbClient client() {
    return client;
  }

  /** The table's name. */
  public String tableName() {
    return tableName;
  }

  @Override
  public long recordCount(String keyPrefix) {
    String idAttribute = schema.isComposite() ? schema.sortKey() : schema.partitionKey();
    return client
        .scanPaginator(r ->
            r.tableName(tableName)
                .consistentRead(true)
                .select(Select.COUNT)
                .filterExpression("begins_with(#id, :prefix)")
                .expressionAttributeNames(Map.of("#id", idAttribute))
                .expressionAttributeValues(
                    Map.of(":prefix", AttributeValue.fromS(keyPrefix + "#"))))
        .stream()
        .mapToLong(page -> page.count())
        .sum();
  }

  @Override
  public Map<String, Long> calls() {
    return counter.snapshot();
  }

  @Override
  public void resetCalls() {
    counter.reset();
  }

  @Override
  public String claimOperation() {
    return "PutItem";
  }

  /** Deletes the table and closes the client. */
  @Override
  public void close() {
    try {
      client.deleteTable(r -> r.tableName(tableName));
    } finally {
      client.close();
    }
  }
}
