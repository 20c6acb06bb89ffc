package dev.idem.idempotency.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idem.testing.IdempotencyTables;
import org.junit.jupiter.api.Test;

/**
 * The testing module creates tables from attribute names, since it cannot depend on the library;
 * its default names must stay the library's default schema, or users' tests would build tables the
 * default store cannot use.
 */
class TestingTablesLayoutTest {

  @Test
  void testingDefaults_areTheLibrarysDefaultSchema() {
    IdempotencyTableSchema defaults = IdempotencyTableSchema.defaults();

    assertThat(defaults.isComposite()).isFalse();
    assertThat(IdempotencyTables.DEFAULT_PARTITION_KEY).isEqualTo(defaults.partitionKey());
    assertThat(IdempotencyTables.DEFAULT_EXPIRATION).isEqualTo(defaults.expiration());
  }
}
