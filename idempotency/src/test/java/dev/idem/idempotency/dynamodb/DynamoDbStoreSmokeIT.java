package dev.idem.idempotency.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.idempotency.Idempotency;
import dev.idem.idempotency.IdempotencyListener;
import dev.idem.idempotency.IdempotentRequest;
import dev.idem.testing.CallCounter;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import dev.idem.testing.IdempotencyTables;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbStoreSmokeIT {

  @Test
  void execute_twice_runsOnceAndDuplicateCostsOneCall(DynamoDbLocal db) {
    CallCounter counter = new CallCounter();
    try (DynamoDbClient client = db.client(counter)) {
      IdempotencyTables.create(client, "smoke");
      Idempotency idempotency =
          Idempotency.builder()
              .store(DynamoDbIdempotencyStore.builder().client(client).tableName("smoke").build())
              .keyPrefix("smoke")
              .cacheSize(0)
              .listener(IdempotencyListener.NONE)
              .build();
      AtomicInteger runs = new AtomicInteger();
      IdempotentRequest request = IdempotentRequest.of("key-1", "payload");

      counter.reset();
      String first =
          idempotency.execute(request, String.class, () -> "run-" + runs.incrementAndGet());
      long firstCalls = counter.total();
      counter.reset();
      String second =
          idempotency.execute(request, String.class, () -> "run-" + runs.incrementAndGet());

      assertThat(first).isEqualTo("run-1");
      assertThat(second).isEqualTo("run-1");
      assertThat(runs).hasValue(1);
      assertThat(firstCalls).isEqualTo(2);
      assertThat(counter.snapshot()).containsExactly(java.util.Map.entry("PutItem", 1L));
    }
  }
}
