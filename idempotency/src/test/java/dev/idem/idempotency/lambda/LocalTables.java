package dev.idem.idempotency.lambda;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.dynamodb.DynamoDbIdempotencyStore;
import dev.idem.testing.IdempotencyTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** An idempotency table in DynamoDB Local for one test class, dropped when it is done. */
final class LocalTables implements AutoCloseable {

  private final DynamoDbClient client;
  private final String tableName;

  private LocalTables(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  static LocalTables create(DynamoDbClient client, String tableName) {
    IdempotencyTables.create(client, tableName);
    return new LocalTables(client, tableName);
  }

  /** An idempotency over the table with no local cache, so every duplicate reaches DynamoDB. */
  Idempotency idempotency(String keyPrefix) {
    return Idempotency.builder()
        .store(DynamoDbIdempotencyStore.builder().client(client).tableName(tableName).build())
        .keyPrefix(keyPrefix)
        .cacheSize(0)
        .listener(IdempotencyListener.NONE)
        .build();
  }

  /** As {@link #idempotency(String)}, with a fixed lease and a listener. */
  Idempotency idempotency(
      String keyPrefix,
      java.time.Duration lease,
      dev.idem.idempotency.IdempotencyListener listener) {
    return Idempotency.builder()
        .store(DynamoDbIdempotencyStore.builder().client(client).tableName(tableName).build())
        .keyPrefix(keyPrefix)
        .cacheSize(0)
        .leaseDuration(lease)
        .listener(listener)
        .build();
  }

  @Override
  public void close() {
    client.deleteTable(r -> r.tableName(tableName));
    client.close();
  }
}
