package dev.idem.functions.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderConfigTest {

  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          "ORDERS_TABLE", "orders",
          "CATALOG_TABLE", "catalog",
          "IDEMPOTENCY_TABLE", "idempotency",
          "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
          "AWS_REGION", "eu-west-1");

  @Test
  void placeOrderConfig_fromEnv_readsTheThreeTablesAndAwsSettings() {
    PlaceOrderConfig config = PlaceOrderConfig.fromEnv(ENVIRONMENT);

    assertThat(config.ordersTable()).isEqualTo("orders");
    assertThat(config.catalogTable()).isEqualTo("catalog");
    assertThat(config.idempotencyTable()).isEqualTo("idempotency");
    assertThat(config.aws().region().id()).isEqualTo("eu-west-1");
    assertThat(config.aws().endpointOverride()).isPresent();
  }

  @Test
  void placeOrderConfig_catalogTableMissing_namesIt() {
    assertThatThrownBy(
            () -> PlaceOrderConfig.fromEnv(Map.of("ORDERS_TABLE", "o", "IDEMPOTENCY_TABLE", "i")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CATALOG_TABLE");
  }

  @Test
  void getOrderConfig_fromEnv_needsOnlyTheOrdersTable() {
    GetOrderConfig config = GetOrderConfig.fromEnv(Map.of("ORDERS_TABLE", "orders"));

    assertThat(config.ordersTable()).isEqualTo("orders");
    assertThat(config.aws().endpointOverride()).isEmpty();
  }
}
