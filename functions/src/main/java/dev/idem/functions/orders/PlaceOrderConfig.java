package dev.idem.functions.orders;

import dev.idem.functions.common.AwsSettings;
import dev.idem.functions.common.Env;
import java.util.Map;

/**
 * PlaceOrderFunction's configuration.
 *
 * @param ordersTable where orders are written ({@code ORDERS_TABLE})
 * @param catalogTable where prices are read ({@code CATALOG_TABLE})
 * @param idempotencyTable where idempotency records live ({@code IDEMPOTENCY_TABLE})
 * @param aws region and endpoint of the AWS clients
 */
public record PlaceOrderConfig(
    String ordersTable, String catalogTable, String idempotencyTable, AwsSettings aws) {

  /**
   * The configuration in {@code environment}.
   *
   * @throws IllegalStateException naming a required variable that is not set
   */
  public static PlaceOrderConfig fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    return new PlaceOrderConfig(
        env.required("ORDERS_TABLE"),
        env.required("CATALOG_TABLE"),
        env.required("IDEMPOTENCY_TABLE"),
        AwsSettings.fromEnv(env));
  }
}
