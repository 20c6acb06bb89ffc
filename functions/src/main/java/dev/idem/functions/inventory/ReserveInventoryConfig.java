package dev.idem.functions.inventory;

import dev.idem.functions.common.AwsSettings;
import dev.idem.functions.common.Env;
import java.util.Map;

/**
 * ReserveInventoryFunction's configuration.
 *
 * @param ordersTable the Orders table ({@code ORDERS_TABLE})
 * @param inventoryTable the Inventory table ({@code INVENTORY_TABLE})
 * @param idempotencyTable the idempotency table ({@code IDEMPOTENCY_TABLE})
 * @param aws region and endpoint of the AWS clients
 * @param serviceName the name in logs and metrics ({@code POWERTOOLS_SERVICE_NAME}, default {@code
 *     reserve-inventory})
 */
public record ReserveInventoryConfig(
    String ordersTable,
    String inventoryTable,
    String idempotencyTable,
    AwsSettings aws,
    String serviceName) {

  /**
   * Reads the configuration from a function's environment.
   *
   * @throws IllegalStateException naming a variable that is missing
   */
  public static ReserveInventoryConfig fromEnv(Map<String, String> variables) {
    Env env = new Env(variables);
    return new ReserveInventoryConfig(
        env.required("ORDERS_TABLE"),
        env.required("INVENTORY_TABLE"),
        env.required("IDEMPOTENCY_TABLE"),
        AwsSettings.fromEnv(env),
        env.optional("POWERTOOLS_SERVICE_NAME", "reserve-inventory"));
  }
}
