package dev.idem.functions.orders;

import dev.idem.functions.common.AwsSettings;
import dev.idem.functions.common.Env;
import java.util.Map;

/**
 * GetOrderFunction's configuration.
 *
 * @param ordersTable where orders are read ({@code ORDERS_TABLE})
 * @param aws region and endpoint of the AWS clients
 */
public record GetOrderConfig(String ordersTable, AwsSettings aws) {

  /**
   * The configuration in {@code environment}.
   *
   * @throws IllegalStateException if {@code ORDERS_TABLE} is not set
   */
  public static GetOrderConfig fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    return new GetOrderConfig(env.required("ORDERS_TABLE"), AwsSettings.fromEnv(env));
  }
}
