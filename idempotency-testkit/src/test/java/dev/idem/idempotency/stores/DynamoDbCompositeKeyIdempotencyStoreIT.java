package dev.idem.idempotency.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.idempotency.dynamodb.IdempotencyTableSchema;
import dev.idem.idempotency.spi.ClaimRequest;
import dev.idem.idempotency.spi.IdempotencyStore;
import dev.idem.idempotency.testkit.IdempotencyStoreContract;
import dev.idem.testing.DynamoDbLocal;
import dev.idem.testing.DynamoDbLocalExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store contract on a single-table design: one static partition value, ids in the sort key. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbCompositeKeyIdempotencyStoreIT extends IdempotencyStoreContract {

  private static final IdempotencyTableSchema SCHEMA =
      IdempotencyTableSchema.compositeKey("pk", "idem", "sk");

  private static DynamoDbBackend backend;

  @BeforeAll
  static void createTable(DynamoDbLocal db) {
    backend = DynamoDbBackend.create(db, "store-contract-composite", SCHEMA);
  }

  @AfterAll
  static void deleteTable() {
    backend.close();
  }

  @Override
  protected IdempotencyStore store() {
    return backend.store();
  }

  @Test
  void claim_compositeSchema_itemUnderStaticPartitionWithIdInSortKey() {
    ClaimRequest claim = claim(newId());
    store().claim(claim);

    Map<String, AttributeValue> item =
        backend
            .client()
            .getItem(r ->
                r.tableName(backend.tableName())
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS("idem"),
                            "sk",
                            AttributeValue.fromS(claim.id())))
                    .consistentRead(true))
            .item();

    assertThat(item).containsEntry("status", AttributeValue.fromS("INPROGRESS"));
    assertThat(item).containsEntry("lease", AttributeValue.fromS(claim.leaseToken()));
    assertThat(item).doesNotContainKey("id");
  }
}
