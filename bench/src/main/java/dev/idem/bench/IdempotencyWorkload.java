package dev.idem.bench;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.dynamodb.DynamoDbIdempotencyStore;
import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.IdempotencyTables;
import java.io.PrintStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local in this JVM with the idempotency table and the orders table, and one SDK client
 * (URL-connection HTTP client, loopback) whose every call a {@link CallCounter} counts.
 */
final class IdempotencyWorkload implements AutoCloseable {

  static final String IDEMPOTENCY_TABLE = "bench_idempotency";
  static final String KEY_PREFIX = "bench";

  private final DynamoDbLocal db;
  private final CallCounter counter = new CallCounter();
  private final DynamoDbClient client;
  private final DynamoDbIdempotencyStore store;

  private IdempotencyWorkload(DynamoDbLocal db) {
    this.db = db;
    this.client = db.client(counter);
    this.store =
        DynamoDbIdempotencyStore.builder().client(client).tableName(IDEMPOTENCY_TABLE).build();
  }

  /** Starts DynamoDB Local and creates both tables. */
  static IdempotencyWorkload start() {
    IdempotencyWorkload workload = new IdempotencyWorkload(startQuietly());
    workload.createTables();
    return workload;
  }

  /** DynamoDB Local prints its settings on standard output, which carries the report: divert. */
  private static DynamoDbLocal startQuietly() {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      return DynamoDbLocal.start();
    } finally {
      System.setOut(stdout);
    }
  }

  DynamoDbClient client() {
    return client;
  }

  CallCounter counter() {
    return counter;
  }

  /**
   * An idempotency instance over the shared store, without metrics output: the default EMF listener
   * prints a line per call, which would dominate the figures.
   *
   * @param cacheSize completed records cached in this JVM; 0 disables the cache
   */
  Idempotency idempotency(int cacheSize) {
    return Idempotency.builder()
        .store(store)
        .keyPrefix(KEY_PREFIX)
        .cacheSize(cacheSize)
        .listener(IdempotencyListener.NONE)
        .build();
  }

  private void createTables() {
    IdempotencyTables.create(client, IDEMPOTENCY_TABLE);
    client.createTable(r ->
        r.tableName(Orders.TABLE)
            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
            .billingMode(BillingMode.PAY_PER_REQUEST));
    client.waiter().waitUntilTableExists(r -> r.tableName(Orders.TABLE));
  }

  @Override
  public void close() {
    client.close();
    db.close();
  }
}
