package dev.idem.functions.fulfilment;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.dynamodb.DynamoDbIdempotencyStore;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The consumers' idempotency: records in the shared idempotency table, one key prefix each. */
public final class Idempotencies {

  private Idempotencies() {}

  /**
   * An {@link Idempotency} keeping its records in {@code table} under {@code keyPrefix}, with the
   * library's defaults otherwise (records replayed for an hour, the lease bounded by the
   * invocation's remaining time).
   */
  public static Idempotency onTable(
      DynamoDbClient dynamo,
      String table,
      String keyPrefix,
      Clock clock,
      IdempotencyListener listener) {
    return Idempotency.builder()
        .store(DynamoDbIdempotencyStore.builder().client(dynamo).tableName(table).build())
        .keyPrefix(keyPrefix)
        .clock(clock)
        .listener(listener)
        .build();
  }
}
