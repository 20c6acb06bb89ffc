package dev.idem.idempotency.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.IdempotencyTables;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynamoDbLocalExtension.class)
class PrimeIT {

  record Receipt(String id, long amount) {}

  @Test
  void prime_warmsWithOneReadAndWritesNothing(DynamoDbLocal db) {
    CallCounter counter = new CallCounter();
    try (DynamoDbClient client = db.client(counter)) {
      IdempotencyTables.create(client, "prime_it");
      Idempotency idempotency =
          Idempotency.builder()
              .store(
                  DynamoDbIdempotencyStore.builder().client(client).tableName("prime_it").build())
              .keyPrefix("prime")
              .listener(IdempotencyListener.NONE)
              .build();
      counter.reset();

      idempotency.prime(Receipt.class, String.class);

      assertThat(counter.snapshot()).isEqualTo(Map.of("GetItem", 1L));
      assertThat(client.scan(r -> r.tableName("prime_it")).count()).isZero();
    }
  }
}
