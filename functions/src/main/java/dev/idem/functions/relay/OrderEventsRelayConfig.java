package dev.idem.functions.relay;

import dev.idem.functions.common.AwsSettings;
import dev.idem.functions.common.Env;
import java.util.Map;

/**
 * OrderEventsRelayFunction's configuration.
 *
 * @param eventBusName the bus the events go to ({@code EVENT_BUS_NAME})
 * @param idempotencyTable where idempotency records live ({@code IDEMPOTENCY_TABLE})
 * @param aws region and endpoint of the AWS clients
 */
public record OrderEventsRelayConfig(
    String eventBusName, String idempotencyTable, AwsSettings aws) {

  /**
   * The configuration in {@code environment}.
   *
   * @throws IllegalStateException naming a required variable that is not set
   */
  public static OrderEventsRelayConfig fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    return new OrderEventsRelayConfig(
        env.required("EVENT_BUS_NAME"),
        env.required("IDEMPOTENCY_TABLE"),
        AwsSettings.fromEnv(env));
  }
}
