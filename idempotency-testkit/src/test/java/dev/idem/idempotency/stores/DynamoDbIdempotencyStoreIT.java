package dev.idem.idempotency.stores;

import dev.idem.idempotency.spi.IdempotencyStore;
import dev.idem.idempotency.testkit.IdempotencyStoreContract;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbIdempotencyStoreIT extends IdempotencyStoreContract {

  private static DynamoDbBackend backend;

  @BeforeAll
  static void createTable(DynamoDbLocal db) {
    backend = DynamoDbBackend.create(db, "store-contract");
  }

  @AfterAll
  static void deleteTable() {
    backend.close();
  }

  @Override
  protected IdempotencyStore store() {
    return backend.store();
  }
}
