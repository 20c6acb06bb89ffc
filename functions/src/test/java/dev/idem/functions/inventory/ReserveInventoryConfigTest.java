package dev.idem.functions.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReserveInventoryConfigTest {

  @Test
  void fromEnv_tables_readsThem() {
    ReserveInventoryConfig config =
        ReserveInventoryConfig.fromEnv(
            Map.of("ORDERS_TABLE", "o", "INVENTORY_TABLE", "i", "IDEMPOTENCY_TABLE", "d"));

    assertThat(config.ordersTable()).isEqualTo("o");
    assertThat(config.inventoryTable()).isEqualTo("i");
    assertThat(config.idempotencyTable()).isEqualTo("d");
    assertThat(config.serviceName()).isEqualTo("reserve-inventory");
  }

  @Test
  void fromEnv_inventoryTableMissing_namesTheVariable() {
    Map<String, String> env = Map.of("ORDERS_TABLE", "o", "IDEMPOTENCY_TABLE", "d");

    assertThatThrownBy(() -> ReserveInventoryConfig.fromEnv(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INVENTORY_TABLE");
  }
}
