package dev.idem.idempotency.stores;

import dev.idem.idempotency.testkit.IdempotencyCacheContract;
import dev.idem.idempotency.testkit.IdempotencyExecutionContract;
import dev.idem.idempotency.testkit.IdempotencyFailureContract;
import dev.idem.idempotency.testkit.IdempotencyLeaseContract;
import dev.idem.idempotency.testkit.StoreBackend;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The behaviour contracts of Idempotency over DynamoDB Local: one table for the class, each test
 * under a key prefix of its own, every DynamoDB call counted.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbIdempotencyIT {

  private static DynamoDbBackend backend;

  @BeforeAll
  static void createTable(DynamoDbLocal db) {
    backend = DynamoDbBackend.create(db, "idempotency-contract");
  }

  @AfterAll
  static void deleteTable() {
    backend.close();
  }

  @Nested
  class Execution extends IdempotencyExecutionContract {
    @Override
    protected StoreBackend backend() {
      return backend;
    }
  }

  @Nested
  class Failures extends IdempotencyFailureContract {
    @Override
    protected StoreBackend backend() {
      return backend;
    }
  }

  @Nested
  class Leases extends IdempotencyLeaseContract {
    @Override
    protected StoreBackend backend() {
      return backend;
    }
  }

  @Nested
  class Cache extends IdempotencyCacheContract {
    @Override
    protected StoreBackend backend() {
      return backend;
    }
  }
}
