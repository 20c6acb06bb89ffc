package dev.idem.functions.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.testing.DynamoDbLocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@ExtendWith(DynamoDbLocalExtension.class)
class ReferenceTablesIT {

  @Test
  void create_seedsCatalogAndInventoryFromTheSeedFile(DynamoDbClient dynamo) {
    ReferenceTables tables = ReferenceTables.create(dynamo);
    try {
      assertThat(tables.stock("SKU-001")).isEqualTo(500);
      assertThat(tables.stock("SKU-012")).isEqualTo(3);
      assertThat(dynamo.scan(r -> r.tableName(tables.catalog())).count()).isEqualTo(12);
      assertThat(tables.orderCount()).isZero();
    } finally {
      tables.drop();
    }
  }
}
